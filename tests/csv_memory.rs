//! Memory a hostile termbase CSV costs, measured: its own test binary, so the counting
//! allocator sees this one import and no other test's allocations.
//!
//! A 4 MiB file of empty lines is four million CSV records. Reading them all before the
//! 20,000-row check cost about half a gigabyte (this test on the old reader: a peak of
//! 519 MiB); the reader now stops at the first bad row or at row 20,001, so the import
//! holds little more than the file itself.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use accord::termbase::csv_io::{HEADER, MAX_IMPORT_BYTES};
use accord::vault::{self, InitOptions, KdfParams, VaultDir, MIN_MEMORY_KIB};

/// Counts the bytes the Rust side holds and the most it held since the last reset.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            CURRENT.fetch_sub(layout.size(), Relaxed);
            let now = CURRENT.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Most the import may hold above what was held before it: the file (4 MiB), its copy
/// growing while read, and slack; far below the hundreds of MiB of the old reader.
const BOUND: usize = 32 * 1024 * 1024;

#[test]
fn a_4_mib_file_of_empty_lines_is_refused_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = VaultDir::new(dir.path().join("vault"));
    let options = InitOptions {
        passphrase: "correct horse battery staple".to_string().into(),
        mediator: "Test Mediator".into(),
        kdf: KdfParams {
            memory_kib: MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        },
        use_keyring: false,
    };
    let mut vault = vault::init(&vault_dir, options, chrono::Utc::now())
        .unwrap()
        .vault;

    let header = format!("{}\n", HEADER.join(","));
    let mut file = header.into_bytes();
    file.resize(MAX_IMPORT_BYTES as usize, b'\n');

    let baseline = CURRENT.load(Relaxed);
    PEAK.store(baseline, Relaxed);
    let result = vault.change(chrono::Utc::now(), |tx| {
        accord::termbase::import_csv(tx, file.as_slice())
    });
    let peak = PEAK.load(Relaxed) - baseline;

    let err = result.expect_err("a file of empty lines is no termbase");
    assert_eq!(err.code(), accord::ErrorCode::Invalid, "{err}");
    assert!(err.to_string().contains("line 2"), "{err}");
    assert!(
        peak < BOUND,
        "the import held {} MiB at its peak (bound {} MiB)",
        peak / (1024 * 1024),
        BOUND / (1024 * 1024)
    );
}
