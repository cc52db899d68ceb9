//! `accord_rank(notes_search)`: the relevance of the current match, for ORDER BY.
//!
//! It is BM25's term saturation and length normalisation (k1 = 1.2, b = 0.75) over the
//! text columns, without BM25's inverse document frequency. FTS5 can only learn how many
//! notes hold a phrase by walking every match of it, position lists included: for a
//! common phrase in 100,000 notes that walk was most of a search's time
//! (benches/search.rs). Within one search every ranked note holds every term (they are
//! AND-ed), so IDF only reweights one term against another; recency already bounds the
//! ranked set (`RANK_WINDOW`). Lower is better, as with FTS5's own `bm25()`.
//!
//! An FTS5 auxiliary function can only be written against SQLite's C API, hence the
//! `unsafe` here; it reads nothing but the current row's match instances and sizes.

use std::os::raw::{c_int, c_void};

use rusqlite::{ffi, Connection};

use crate::error::{Error, Result};

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Columns 0 and 1 (`body`, `chars`) are text; `facets` (2) only filters.
const TEXT_COLUMNS: c_int = 2;

/// Makes `accord_rank` available on `conn`. Called once per connection at open.
pub fn register(conn: &Connection) -> Result<()> {
    let failed = |what: &str| Error::VaultDamaged(format!("full-text search unavailable: {what}"));
    // SAFETY: `db` is this connection's live handle; the statement is finalized before
    // returning; the pointer bound is read by SQLite only during the step, while `api`
    // is alive; `xCreateFunction` copies the name and keeps the function pointer, which
    // is a plain `extern "C" fn` with no captured state.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        if ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            std::ptr::null_mut(),
        ) != ffi::SQLITE_OK
        {
            return Err(failed("no fts5"));
        }
        let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() {
            return Err(failed("no fts5 api"));
        }
        let create = (*api)
            .xCreateFunction
            .ok_or_else(|| failed("no xCreateFunction"))?;
        if create(
            api,
            c"accord_rank".as_ptr(),
            std::ptr::null_mut(),
            Some(accord_rank),
            None,
        ) != ffi::SQLITE_OK
        {
            return Err(failed("accord_rank not registered"));
        }
    }
    Ok(())
}

/// The auxiliary function itself; see the module's documentation.
unsafe extern "C" fn accord_rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _argc: c_int,
    _argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 calls this with valid pointers for the duration of the call, on the
    // current row of a MATCH query; every out-parameter is a local.
    unsafe {
        match score(&*api, fts) {
            Some(score) => ffi::sqlite3_result_double(ctx, -score),
            None => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_ERROR),
        }
    }
}

/// Σ over phrases of tf·(k1 + 1) / (tf + k1·(1 − b + b·len/avglen)).
unsafe fn score(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context) -> Option<f64> {
    // SAFETY: see `accord_rank`.
    unsafe {
        let phrases = (api.xPhraseCount?)(fts).max(0) as usize;
        let mut instances: c_int = 0;
        if (api.xInstCount?)(fts, &mut instances) != ffi::SQLITE_OK {
            return None;
        }
        let mut tf = vec![0f64; phrases];
        for i in 0..instances {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            if (api.xInst?)(fts, i, &mut phrase, &mut column, &mut offset) != ffi::SQLITE_OK {
                return None;
            }
            if column < TEXT_COLUMNS {
                if let Some(count) = tf.get_mut(phrase as usize) {
                    *count += 1.0;
                }
            }
        }
        let mut length: c_int = 0;
        let mut rows: ffi::sqlite3_int64 = 0;
        let mut total: ffi::sqlite3_int64 = 0;
        if (api.xColumnSize?)(fts, -1, &mut length) != ffi::SQLITE_OK
            || (api.xRowCount?)(fts, &mut rows) != ffi::SQLITE_OK
            || (api.xColumnTotalSize?)(fts, -1, &mut total) != ffi::SQLITE_OK
        {
            return None;
        }
        let average = (total as f64 / rows.max(1) as f64).max(1.0);
        let norm = K1 * (1.0 - B + B * f64::from(length) / average);
        Some(
            tf.iter()
                .filter(|&&t| t > 0.0)
                .map(|&t| t * (K1 + 1.0) / (t + norm))
                .sum(),
        )
    }
}
