//! Last year's Word file (.docx): its `word/document.xml`, unzipped with the
//! browser's own `DecompressionStream('deflate-raw')` and parsed with its own
//! `DOMParser`, so the app carries neither a decompressor nor an XML parser.
//! The core finds the part ([`docx::zip`]) and reads the tree ([`docx::read_tree`]).

use std::borrow::Cow;

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use torikumi_core::docx::zip::Inflating;
use torikumi_core::docx::{self, DocxError, FromWord, XmlNode, MAX_DOCUMENT_XML_BYTES};
use torikumi_core::Config;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Node};

use super::files::call_method;

/// Reads a Word file's bytes into a report of the template.
pub async fn read_word(bytes: &[u8], config: &Config) -> Result<FromWord, DocxError> {
    let xml = document_xml(bytes).await?;
    let root = parse(&xml)?;
    docx::read_tree(&root, config)
}

/// A node of the tree the browser's `DOMParser` made.
#[derive(Clone)]
struct DomNode(Node);

impl PartialEq for DomNode {
    fn eq(&self, other: &Self) -> bool {
        self.0.is_same_node(Some(&other.0))
    }
}

impl XmlNode for DomNode {
    fn is_element(&self) -> bool {
        self.0.node_type() == Node::ELEMENT_NODE
    }
    fn is_text(&self) -> bool {
        matches!(self.0.node_type(), Node::TEXT_NODE | Node::CDATA_SECTION_NODE)
    }
    fn local_name(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.dyn_ref::<Element>().map(Element::local_name).unwrap_or_default())
    }
    fn namespace(&self) -> Option<Cow<'_, str>> {
        self.0.dyn_ref::<Element>()?.namespace_uri().map(Cow::Owned)
    }
    fn attribute(&self, ns: &str, local: &str) -> Option<String> {
        self.0.dyn_ref::<Element>()?.get_attribute_ns(Some(ns), local)
    }
    fn text(&self) -> Option<Cow<'_, str>> {
        self.0.node_value().map(Cow::Owned)
    }
    fn first_child(&self) -> Option<Self> {
        self.0.first_child().map(DomNode)
    }
    fn next_sibling(&self) -> Option<Self> {
        self.0.next_sibling().map(DomNode)
    }
    fn parent(&self) -> Option<Self> {
        self.0.parent_node().map(DomNode)
    }
}

/// The document element of `xml`, parsed by the browser.
fn parse(xml: &str) -> Result<DomNode, DocxError> {
    let malformed = |_| DocxError::Malformed("the document part is not well-formed XML".to_owned());
    let parser = web_sys::DomParser::new().map_err(malformed)?;
    let document = parser.parse_from_string(xml, web_sys::SupportedType::ApplicationXml).map_err(malformed)?;
    // Browsers answer bad XML with a document holding a <parsererror> element.
    if document.get_elements_by_tag_name("parsererror").length() > 0 {
        return Err(DocxError::Malformed("the document part is not well-formed XML".to_owned()));
    }
    document.document_element().map(|root| DomNode(root.into())).ok_or(DocxError::NotWordprocessingMl)
}

/// Whether a picked file is meant as a Word file (by its name, or by its first bytes).
pub fn looks_like_word(file_name: &str, bytes: &[u8]) -> bool {
    let name = file_name.to_ascii_lowercase();
    name.ends_with(".docx") || name.ends_with(".doc") || bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The text of a .docx's `word/document.xml`.
pub async fn document_xml(bytes: &[u8]) -> Result<String, DocxError> {
    docx::sniff(bytes)?;
    let part = docx::zip::find_part(bytes, "word/document.xml")?;
    // An honest directory refuses a large part before inflating; a zip bomb's
    // understates it, so inflating stops at the limit too (`inflate`).
    if part.size > MAX_DOCUMENT_XML_BYTES {
        return Err(DocxError::PartTooLarge { limit: MAX_DOCUMENT_XML_BYTES });
    }
    let xml = if part.deflated { inflate(part.stored).await? } else { part.stored.to_vec() };
    if xml.len() > MAX_DOCUMENT_XML_BYTES {
        return Err(DocxError::TooLarge { bytes: xml.len() });
    }
    String::from_utf8(xml).map_err(|_| DocxError::Malformed("the document part is not UTF-8".to_owned()))
}

/// Raw deflate → bytes, through `blob.stream().pipeThrough(new DecompressionStream('deflate-raw'))`,
/// read chunk by chunk and cancelled once past the limit (never a whole-stream read,
/// which a zip bomb turns into gigabytes). web-sys keeps DecompressionStream behind
/// its unstable flag, hence js-sys.
async fn inflate(raw: &[u8]) -> Result<Vec<u8>, DocxError> {
    let not_inflating = |_| DocxError::Malformed("the document part does not inflate".to_owned());
    let reader = inflating_reader(raw).map_err(not_inflating)?;
    let mut part = Inflating::default();
    loop {
        let read = call_method(&reader, "read", &Array::new()).and_then(|p| p.dyn_into::<Promise>());
        let step = JsFuture::from(read.map_err(not_inflating)?).await.map_err(not_inflating)?;
        if Reflect::get(&step, &"done".into()).map_err(not_inflating)?.is_truthy() {
            return Ok(part.into_bytes());
        }
        let chunk = Uint8Array::new(&Reflect::get(&step, &"value".into()).map_err(not_inflating)?);
        if let Err(refused) = part.push(&chunk.to_vec()) {
            // Stops the inflating; the part is refused whatever the cancel answers.
            if let Err(e) = call_method(&reader, "cancel", &Array::new()) {
                web_sys::console::warn_2(&"cancelling the inflate failed".into(), &e);
            }
            return Err(refused);
        }
    }
}

/// A reader of `raw` as it inflates.
fn inflating_reader(raw: &[u8]) -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(raw)))?;
    let stream = call_method(&blob, "stream", &Array::new())?;
    let decompressor: Function = Reflect::get(&global, &"DecompressionStream".into())?.dyn_into()?;
    let inflating = Reflect::construct(&decompressor, &Array::of1(&"deflate-raw".into()))?;
    let inflated = call_method(&stream, "pipeThrough", &Array::of1(&inflating))?;
    call_method(&inflated, "getReader", &Array::new())
}
