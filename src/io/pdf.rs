//! Letters as PDF: the letter's own HTML page printed by headless Chromium
//! (`--print-to-pdf`), so the PDF is the page a caseworker sees, with its
//! print CSS (A4), in the same fonts, without a second layout to keep in
//! step. Chromium is Debian's package (`chromium`), the same the browser
//! tests use; where it is not installed the PDF is unavailable and the
//! letter is still there as HTML (print it from the browser).
//!
//! The binary is `TILSKOT_CHROMIUM`, else `/usr/bin/chromium`.

use crate::domain::error::{Error, Result};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a letter may take to print.
const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// The Chromium that prints, if there is one.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("TILSKOT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

/// Prints an HTML page to PDF in a scratch folder that is removed after.
pub fn html_to_pdf(html: &str) -> Result<Vec<u8>> {
    let binary = chromium().ok_or_else(|| {
        Error::Refused(crate::domain::error::Reason::told(
            crate::domain::error::Message::new("error-no-pdf"),
            "no Chromium to print PDF",
        ))
    })?;
    let scratch = scratch_dir()?;
    let page = scratch.join("letter.html");
    let pdf = scratch.join("letter.pdf");
    let printed = (|| {
        std::fs::write(&page, html)?;
        run_chromium(&binary, &scratch, &page, &pdf)?;
        Ok(std::fs::read(&pdf)?)
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    printed
}

fn scratch_dir() -> Result<PathBuf> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::internal(e.to_string()))?;
    let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let dir = std::env::temp_dir().join(format!("tilskot-pdf-{name}"));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn run_chromium(
    binary: &std::path::Path,
    scratch: &std::path::Path,
    page: &std::path::Path,
    pdf: &std::path::Path,
) -> Result<()> {
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            if status.success() && pdf.exists() {
                return Ok(());
            }
            return Err(Error::internal(format!(
                "chromium printed no PDF: {status}"
            )));
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::internal("chromium did not print within 60 s"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
