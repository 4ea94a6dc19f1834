//! The reader's logic: one [`state::State`], a pure [`update::update`], effects run elsewhere.

pub mod effects;
pub mod find;
pub mod keymap;
pub mod msg;
pub mod pictures;
pub mod state;
pub mod synced;
pub mod update;

pub use keymap::{Command, Keymap};
pub use msg::{Effect, Msg, StoreCmd};
pub use state::State;
pub use update::update;
