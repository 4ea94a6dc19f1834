//! The sync's HTTP calls: GET, form POST and JSON POST through the project's client
//! ([`crate::fetch::Client`]: its timeouts, redirect policy, compression and one fixed User-Agent —
//! TT-RSS ties a session to it), with a cap on the answer and every transport failure as one line.

use super::SyncError;
use crate::fetch::{Client, Options};
use std::time::Duration;
use url::Url;

/// The most bytes of one answer (a page of full-text items can be large).
pub const MAX_ANSWER: usize = 64 * 1024 * 1024;

/// An answer: the status and the body.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text (lossy), for messages and the Google Reader API's plain answers.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON of type `T`; an error names what was expected.
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T, SyncError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            SyncError::Protocol(format!(
                "{what}: {} ({})",
                crate::parse::sanitize::clean_line(&e.to_string()),
                snippet(&self.body)
            ))
        })
    }

    /// An HTTP error status as a [`SyncError::Status`], with the start of the body.
    pub fn status_error(&self) -> SyncError {
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let body = snippet(&self.body);
        SyncError::Status(
            format!(
                "{} {reason}{}",
                self.status,
                if body.is_empty() {
                    String::new()
                } else {
                    format!(": {body}")
                }
            )
            .trim()
            .to_string(),
        )
    }
}

/// The start of a body for a message: one line, at most 120 characters.
pub fn snippet(body: &[u8]) -> String {
    let t = crate::parse::sanitize::clean_line(&String::from_utf8_lossy(body));
    let t = t.trim();
    match t.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// The sync's HTTP client, cheap to clone.
#[derive(Clone, Debug)]
pub struct Http {
    client: Client,
}

impl Http {
    /// A client whose every request may take `timeout` (connect at most 10 s of it).
    pub fn new(timeout: Duration) -> Result<Http, SyncError> {
        let client = Client::new(Options {
            timeout,
            connect_timeout: Duration::from_secs(10).min(timeout),
            max_body: MAX_ANSWER,
            ..Options::default()
        })
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
        Ok(Http { client })
    }

    pub async fn get(&self, url: &Url, headers: &[(&str, String)]) -> Result<Answer, SyncError> {
        let mut req = self.client.http().get(url.clone());
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        self.send(req, url).await
    }

    /// POSTs `form` (`application/x-www-form-urlencoded`; a name may repeat).
    pub async fn post_form(
        &self,
        url: &Url,
        headers: &[(&str, String)],
        form: &[(&str, &str)],
    ) -> Result<Answer, SyncError> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let mut req = self
            .client
            .http()
            .post(url.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body);
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        self.send(req, url).await
    }

    /// POSTs `body` as JSON.
    pub async fn post_json(
        &self,
        url: &Url,
        body: &serde_json::Value,
    ) -> Result<Answer, SyncError> {
        let req = self
            .client
            .http()
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        self.send(req, url).await
    }

    async fn send(&self, req: reqwest::RequestBuilder, url: &Url) -> Result<Answer, SyncError> {
        let fail =
            |e: &reqwest::Error| SyncError::Unreachable(self.client.error(e, url).to_string());
        let mut resp = req.send().await.map_err(|e| fail(&e))?;
        let status = resp.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| fail(&e))? {
            if body.len() + chunk.len() > MAX_ANSWER {
                return Err(SyncError::Protocol(format!(
                    "an answer larger than {} MiB",
                    MAX_ANSWER / (1024 * 1024)
                )));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer { status, body })
    }
}
