//! The executor: runs effects on tokio tasks and sends their outcomes back as messages.

use super::msg::{Effect, Msg};
use crate::document::Parsed;
use crate::fetch::{Client, Location};
use crate::load::load;
use crate::parse::KindHint;
use tokio::sync::mpsc::UnboundedSender;

/// Runs effects; cheap to clone.
#[derive(Clone)]
pub struct Executor {
    client: Client,
    tx: UnboundedSender<Msg>,
}

impl Executor {
    pub fn new(client: Client, tx: UnboundedSender<Msg>) -> Executor {
        Executor { client, tx }
    }

    /// Starts `effect` (must be called inside a tokio runtime). `Quit` is the loop's business.
    pub fn run(&self, effect: Effect) {
        match effect {
            Effect::LoadSource {
                source_id,
                request_id,
                location,
                hint,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = load_source(&client, &location, hint).await;
                    if let Err(e) = &result {
                        tracing::warn!(source = %location, error = %e, "source failed");
                    }
                    let _ = tx.send(Msg::SourceLoaded {
                        source_id,
                        request_id,
                        result,
                    });
                });
            }
            Effect::LoadArticle {
                item_id,
                request_id,
                url,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = match load_source(&client, &url, KindHint::Article).await {
                        Ok(Parsed::Article(a)) => Ok(*a),
                        Ok(_) => Err("not an article page".to_string()),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = &result {
                        tracing::warn!(%url, error = %e, "article failed");
                    }
                    let _ = tx.send(Msg::ArticleLoaded {
                        item_id,
                        request_id,
                        result,
                    });
                });
            }
            Effect::OpenLink { program, args } => {
                let tx = self.tx.clone();
                let mut cmd = tokio::process::Command::new(&program);
                cmd.args(&args)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .kill_on_drop(false);
                #[cfg(unix)]
                cmd.process_group(0);
                match cmd.spawn() {
                    Ok(mut child) => {
                        // reap it when it exits; never wait for it in the UI
                        tokio::spawn(async move {
                            let _ = child.wait().await;
                        });
                    }
                    Err(e) => {
                        tracing::warn!(%program, error = %e, "browser failed");
                        let _ = tx.send(Msg::Status(format!(
                            "Cannot start {}: {e}",
                            crate::parse::sanitize::clean_line(&program)
                        )));
                    }
                }
            }
            Effect::Quit => {}
        }
    }
}

async fn load_source(client: &Client, location: &str, hint: KindHint) -> Result<Parsed, String> {
    let loc = Location::parse(location).map_err(|e| e.to_string())?;
    load(client, &loc, hint)
        .await
        .map(|l| l.parsed)
        .map_err(|e| e.to_string())
}
