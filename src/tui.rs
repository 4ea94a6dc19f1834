//! The terminal UI: terminal setup and restore, the event loop, the effect executor.

use crate::parse::KindHint;

/// Runs the reader over `sources` (the demo edition when empty) until the user quits.
pub fn run(sources: Vec<String>, kind: KindHint) -> anyhow::Result<()> {
    let _ = (sources, kind);
    anyhow::bail!("the reader is not built yet")
}
