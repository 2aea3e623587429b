//! The on-demand module: the parts a ward clerk rarely uses (取りまとめ, reading
//! Word files), loaded by the page the first time one is needed. Why it may not come.

use thiserror::Error;

/// How long the page waits for the module to arrive and start, and for one call into it.
pub const MODULE_WAIT_MS: i32 = 30_000;

/// Why the on-demand module could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ModuleError {
    /// It did not arrive: no network and no copy kept, a host without the file.
    #[error("the on-demand module could not be fetched")]
    Unreachable,
    /// It did not arrive, start or answer within [`MODULE_WAIT_MS`].
    #[error("the on-demand module did not answer in time")]
    TimedOut,
    /// It arrived but does not run (cut short, a portal's page, another version's module).
    #[error("the on-demand module does not run")]
    Broken,
}
