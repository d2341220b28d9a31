//! The built SPA as the `hallpass` binary serves it: the build's precompressed copies go to
//! browsers that take them, the plain files to the others, with the headers of the original.
use std::path::Path;

#[path = "process/mod.rs"]
mod process;

use process::{serve, temp_dir, Server};

const WASM: &str = "hallpass-web-0123456789abcdef_bg.wasm";
const INDEX: &[u8] = b"<!doctype html><title>Hallpass</title>";

/// A built SPA in `dir`: index.html and a wasm file, each with made-up `.br` and `.gz` copies
/// (the server sends them as they are, so they need not really be compressed).
fn write_spa(dir: &Path) {
    std::fs::create_dir_all(dir).expect("web dir");
    for (name, plain) in [("index.html", INDEX), (WASM, b"\0asm plain".as_slice())] {
        std::fs::write(dir.join(name), plain).expect("file");
        std::fs::write(dir.join(format!("{name}.br")), format!("{name} in brotli")).expect("br");
        std::fs::write(dir.join(format!("{name}.gz")), format!("{name} in gzip")).expect("gz");
    }
}

fn spa_server() -> (Server, std::path::PathBuf) {
    let dir = temp_dir();
    let web_dir = dir.join("web");
    write_spa(&web_dir);
    let web_dir_text = web_dir.to_str().expect("utf-8 path").to_owned();
    let server = serve(&dir, &[("HALLPASS_WEB_DIR", &web_dir_text)], &[]);
    (server, dir)
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

/// `GET path` with this Accept-Encoding (none for `None`). The client decodes nothing itself,
/// so the body is what the server sent.
async fn get(server: &Server, path: &str, accept_encoding: Option<&str>) -> Answer {
    let origin = server.base.trim_end_matches("/api/v1");
    let mut request = reqwest::Client::new().get(format!("{origin}{path}"));
    if let Some(accepted) = accept_encoding {
        request = request.header("accept-encoding", accepted);
    }
    let response = request.send().await.expect("an answer");
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.expect("body").to_vec(),
    }
}

fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
    answer
        .headers
        .get(name)
        .map(|value| value.to_str().expect("ascii"))
}

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_take_them() {
    let (server, dir) = spa_server();
    let wasm = format!("/{WASM}");

    let br = get(&server, &wasm, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.status, 200);
    assert_eq!(header(&br, "content-encoding"), Some("br"));
    assert_eq!(header(&br, "content-type"), Some("application/wasm"));
    assert_eq!(header(&br, "vary"), Some("accept-encoding"));
    assert_eq!(
        header(&br, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(header(&br, "content-security-policy").is_some());
    assert!(header(&br, "content-disposition").is_none());
    assert_eq!(br.body, format!("{WASM} in brotli").as_bytes());

    let gz = get(&server, &wasm, Some("gzip")).await;
    assert_eq!(header(&gz, "content-encoding"), Some("gzip"));
    assert_eq!(gz.body, format!("{WASM} in gzip").as_bytes());

    // A browser's preference order wins; a refused coding is never sent.
    let prefers_gzip = get(&server, &wasm, Some("br;q=0.5, gzip")).await;
    assert_eq!(header(&prefers_gzip, "content-encoding"), Some("gzip"));
    let refuses_br = get(&server, &wasm, Some("br;q=0")).await;
    assert_eq!(header(&refuses_br, "content-encoding"), None);
    assert_eq!(refuses_br.body, b"\0asm plain");

    let plain = get(&server, &wasm, None).await;
    assert_eq!(plain.status, 200);
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "content-type"), Some("application/wasm"));
    assert_eq!(header(&plain, "vary"), Some("accept-encoding"));
    assert_eq!(plain.body, b"\0asm plain");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_app_page_is_precompressed_too_at_every_client_route() {
    let (server, dir) = spa_server();
    for path in ["/", "/index.html", "/accounts", "/students/some-id"] {
        let br = get(&server, path, Some("br")).await;
        assert_eq!(br.status, 200, "{path}");
        assert_eq!(header(&br, "content-encoding"), Some("br"), "{path}");
        assert_eq!(
            header(&br, "content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(header(&br, "cache-control"), Some("no-cache"), "{path}");
        assert_eq!(br.body, b"index.html in brotli", "{path}");

        let plain = get(&server, path, None).await;
        assert_eq!(header(&plain, "content-encoding"), None, "{path}");
        assert_eq!(plain.body, INDEX, "{path}");
    }
    // A missing file is still a 404, not the app.
    assert_eq!(get(&server, "/missing.js", Some("br")).await.status, 404);
    let _ = std::fs::remove_dir_all(dir);
}
