//! Placeholder until the search branch lands.
pub mod index;
