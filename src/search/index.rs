pub fn put(_c: &rusqlite::Connection, _d: i64, _e: &str, _z: &str) -> crate::Result<()> {
    Ok(())
}
