//! Decision letters as downloads: the HTML page, or the same page printed
//! to PDF (`io::pdf`, headless Chromium).

use super::WebError;
use crate::domain::error::{Error, Message};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The letter as an attachment `<stem>.html`, or `<stem>.pdf` printed from it.
pub async fn deliver(html: String, stem: String, pdf: bool) -> Result<Response, WebError> {
    if !pdf {
        return Ok(attachment(
            html.into_bytes(),
            "text/html; charset=utf-8",
            &stem,
            "html",
        ));
    }
    let printed = tokio::task::spawn_blocking(move || crate::io::pdf::html_to_pdf(&html))
        .await
        .map_err(|e| WebError::from(Error::internal(e.to_string())))?;
    match printed {
        Ok(bytes) => Ok(attachment(bytes, "application/pdf", &stem, "pdf")),
        // No Chromium on this server: the HTML letter prints from the browser.
        Err(Error::Refused(_)) => Err(WebError::conflict(Message::new("error-no-pdf"))),
        Err(other) => Err(WebError::from(other)),
    }
}

fn attachment(body: Vec<u8>, content_type: &str, stem: &str, extension: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{extension}\""),
            ),
        ],
        body,
    )
        .into_response()
}
