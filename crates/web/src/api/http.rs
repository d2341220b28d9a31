//! The browser's `fetch`, as much of it as the client needs. (An HTTP client crate would bring
//! its own request, header and body types to the wasm; the browser has them already.)

use std::rc::Rc;

use js_sys::futures::JsFuture;
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Headers, RequestInit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What to send: the body is JSON text already.
pub struct Request<'a> {
    pub method: Method,
    pub url: &'a str,
    pub json: Option<&'a str>,
    pub bearer: Option<&'a str>,
}

/// An answer whose head has arrived; its body is read with `text` or `bytes`.
pub struct Response(web_sys::Response);

/// The request failed before any answer (offline, server down, refused by the browser).
pub struct NoAnswer;

/// The answer's body could not be read to the end.
pub struct BrokenBody;

impl Response {
    pub fn status(&self) -> u16 {
        self.0.status()
    }

    pub fn is_success(&self) -> bool {
        self.0.ok()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.0.headers().get(name).ok().flatten()
    }

    pub async fn text(self) -> Result<String, BrokenBody> {
        let promise = self.0.text().map_err(|_| BrokenBody)?;
        let text = JsFuture::from(promise).await.map_err(|_| BrokenBody)?;
        text.dyn_into::<JsString>()
            .map(String::from)
            .map_err(|_| BrokenBody)
    }

    pub async fn bytes(self) -> Result<Vec<u8>, BrokenBody> {
        let promise = self.0.array_buffer().map_err(|_| BrokenBody)?;
        let buffer = JsFuture::from(promise).await.map_err(|_| BrokenBody)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

pub async fn fetch(request: Request<'_>) -> Result<Response, NoAnswer> {
    let headers = Headers::new().map_err(|_| NoAnswer)?;
    let set = |name: &str, value: &str| headers.set(name, value).map_err(|_| NoAnswer);
    set("Accept", "application/json")?;
    if let Some(token) = request.bearer {
        set("Authorization", &format!("Bearer {token}"))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    if let Some(json) = request.json {
        set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(json));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(NoAnswer)?;
    let answer = JsFuture::from(window.fetch_with_str_and_init(request.url, &init))
        .await
        .map_err(|_| NoAnswer)?;
    answer.dyn_into().map(Response).map_err(|_| NoAnswer)
}

impl Response {
    /// The body as a `Blob`, kept on the browser's side (pictures).
    pub async fn blob(self) -> Result<web_sys::Blob, BrokenBody> {
        let promise = self.0.blob().map_err(|_| BrokenBody)?;
        let blob = JsFuture::from(promise).await.map_err(|_| BrokenBody)?;
        blob.dyn_into().map_err(|_| BrokenBody)
    }
}

/// A request whose body the browser streams from a file, with its upload progress reported
/// (`fetch` cannot report it; `XMLHttpRequest` can).
pub struct Upload<'a> {
    pub method: Method,
    pub url: &'a str,
    pub body: UploadBody<'a>,
    /// For a file body; a form sets its own.
    pub content_type: Option<&'a str>,
    pub bearer: Option<&'a str>,
    /// Bytes sent and bytes to send, as they go.
    pub progress: Option<Rc<dyn Fn(u64, u64)>>,
}

/// A form's files, sent as multipart, or one file as the body.
#[derive(Clone, Copy)]
pub enum UploadBody<'a> {
    Form(&'a web_sys::FormData),
    File(&'a web_sys::Blob),
}

/// Sends an upload and answers its status and body text.
pub async fn upload(request: Upload<'_>) -> Result<(u16, String), NoAnswer> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| NoAnswer)?;
    xhr.open_with_async(request.method.as_str(), request.url, true)
        .map_err(|_| NoAnswer)?;
    let set = |name: &str, value: &str| xhr.set_request_header(name, value).map_err(|_| NoAnswer);
    set("Accept", "application/json")?;
    if let Some(token) = request.bearer {
        set("Authorization", &format!("Bearer {token}"))?;
    }
    if let Some(content_type) = request.content_type {
        set("Content-Type", content_type)?;
    }
    let _progress = request
        .progress
        .and_then(|report| ProgressHandler::attach(&xhr, report));
    let finished = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    match request.body {
        UploadBody::Form(form) => xhr.send_with_opt_form_data(Some(form)),
        UploadBody::File(file) => xhr.send_with_opt_blob(Some(file)),
    }
    .map_err(|_| NoAnswer)?;
    JsFuture::from(finished).await.map_err(|_| NoAnswer)?;
    let status = xhr.status().map_err(|_| NoAnswer)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok((status, text))
}

/// The upload's `onprogress`, taken off again when dropped (the browser must not call a
/// closure that Rust has freed).
struct ProgressHandler {
    upload: web_sys::XmlHttpRequestUpload,
    _closure: Closure<dyn FnMut(web_sys::ProgressEvent)>,
}

impl ProgressHandler {
    fn attach(xhr: &web_sys::XmlHttpRequest, report: Rc<dyn Fn(u64, u64)>) -> Option<Self> {
        let upload = xhr.upload().ok()?;
        let closure = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
            move |event: web_sys::ProgressEvent| {
                if event.length_computable() {
                    // Whole bytes: formatting a float would bring its code into the wasm.
                    report(event.loaded() as u64, event.total() as u64);
                }
            },
        );
        upload.set_onprogress(Some(closure.as_ref().unchecked_ref()));
        Some(ProgressHandler {
            upload,
            _closure: closure,
        })
    }
}

impl Drop for ProgressHandler {
    fn drop(&mut self) {
        self.upload.set_onprogress(None);
    }
}
