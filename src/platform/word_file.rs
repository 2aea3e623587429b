//! Last year's Word file (.docx): its `word/document.xml`, unzipped with the
//! browser's own `DecompressionStream('deflate-raw')`, so the app carries no
//! decompressor. The core finds the part ([`docx::zip`]) and reads it.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use torikumi_core::docx::{self, DocxError, MAX_DOCUMENT_XML_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Whether a picked file is meant as a Word file (by its name, or by its first bytes).
pub fn looks_like_word(file_name: &str, bytes: &[u8]) -> bool {
    let name = file_name.to_lowercase();
    name.ends_with(".docx") || name.ends_with(".doc") || bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The text of a .docx's `word/document.xml`.
pub async fn document_xml(bytes: &[u8]) -> Result<String, DocxError> {
    docx::sniff(bytes)?;
    let part = docx::zip::find_part(bytes, "word/document.xml")?;
    // The directory's size is checked before inflating: a zip bomb stops here.
    if part.size > MAX_DOCUMENT_XML_BYTES {
        return Err(DocxError::TooLarge { bytes: part.size });
    }
    let xml = if part.deflated {
        inflate(part.stored).await.map_err(|_| DocxError::Malformed("the document part does not inflate".to_owned()))?
    } else {
        part.stored.to_vec()
    };
    if xml.len() > MAX_DOCUMENT_XML_BYTES {
        return Err(DocxError::TooLarge { bytes: xml.len() });
    }
    String::from_utf8(xml).map_err(|_| DocxError::Malformed("the document part is not UTF-8".to_owned()))
}

/// Calls `method` on a JS object.
fn call(target: &JsValue, method: &str, args: &Array) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    Reflect::apply(&f, target, args)
}

/// Raw deflate → bytes, through `new Response(blob.stream().pipeThrough(new DecompressionStream('deflate-raw')))`.
/// (web-sys keeps DecompressionStream behind its unstable flag, hence js-sys.)
async fn inflate(raw: &[u8]) -> Result<Vec<u8>, JsValue> {
    let global = js_sys::global();
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(raw)))?;
    let stream = call(&blob, "stream", &Array::new())?;
    let decompressor: Function = Reflect::get(&global, &"DecompressionStream".into())?.dyn_into()?;
    let inflating = Reflect::construct(&decompressor, &Array::of1(&"deflate-raw".into()))?;
    let inflated = call(&stream, "pipeThrough", &Array::of1(&inflating))?;
    let response_class: Function = Reflect::get(&global, &"Response".into())?.dyn_into()?;
    let response = Reflect::construct(&response_class, &Array::of1(&inflated))?;
    let buffer = JsFuture::from(call(&response, "arrayBuffer", &Array::new())?.dyn_into::<Promise>()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
