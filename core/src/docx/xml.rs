//! WordprocessingML (`word/document.xml`) as the reader needs it: the body as a
//! sequence of paragraphs and tables, each table as rows of cells with their
//! vertical merges and text direction. A cell spanning grid columns
//! (`w:gridSpan`) is one cell, so spans need no reading: rows are read by their cells.
//!
//! The tree comes from the browser's `DOMParser` in the app (no XML parser in
//! the wasm) and from roxmltree natively, both behind [`XmlNode`]. Every walk is
//! iterative (an explicit stack or sibling links), so deeply nested input cannot
//! overflow the stack.

use std::borrow::Cow;

/// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility: `mc:Fallback` repeats what `mc:Choice` holds.
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// An XML tree as the reader walks it.
pub trait XmlNode: Clone + PartialEq {
    fn is_element(&self) -> bool;
    fn is_text(&self) -> bool;
    /// An element's local name (`p` of `w:p`).
    fn local_name(&self) -> Cow<'_, str>;
    /// An element's namespace URI.
    fn namespace(&self) -> Option<Cow<'_, str>>;
    /// The value of the attribute `local` in namespace `ns`.
    fn attribute(&self, ns: &str, local: &str) -> Option<String>;
    /// A text node's text.
    fn text(&self) -> Option<Cow<'_, str>>;
    fn first_child(&self) -> Option<Self>;
    fn next_sibling(&self) -> Option<Self>;
    fn parent(&self) -> Option<Self>;

    fn children(&self) -> Children<Self> {
        Children(self.first_child())
    }
}

/// A node's children, in order.
pub struct Children<N>(Option<N>);

impl<N: XmlNode> Iterator for Children<N> {
    type Item = N;
    fn next(&mut self) -> Option<N> {
        let node = self.0.take()?;
        self.0 = node.next_sibling();
        Some(node)
    }
}

impl<'a, 'i> XmlNode for roxmltree::Node<'a, 'i> {
    fn is_element(&self) -> bool {
        roxmltree::Node::is_element(self)
    }
    fn is_text(&self) -> bool {
        roxmltree::Node::is_text(self)
    }
    fn local_name(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.tag_name().name())
    }
    fn namespace(&self) -> Option<Cow<'_, str>> {
        self.tag_name().namespace().map(Cow::Borrowed)
    }
    fn attribute(&self, ns: &str, local: &str) -> Option<String> {
        roxmltree::Node::attribute(self, (ns, local)).map(str::to_owned)
    }
    fn text(&self) -> Option<Cow<'_, str>> {
        roxmltree::Node::text(self).map(Cow::Borrowed)
    }
    fn first_child(&self) -> Option<Self> {
        roxmltree::Node::first_child(self)
    }
    fn next_sibling(&self) -> Option<Self> {
        roxmltree::Node::next_sibling(self)
    }
    fn parent(&self) -> Option<Self> {
        roxmltree::Node::parent(self)
    }
}

/// What the body holds, in order.
#[derive(Debug, Clone)]
pub(super) enum Block {
    /// A paragraph's text; `w:br` became "\n".
    Para(String),
    Table(Table),
}

#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// Vertical merge of a cell (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone)]
pub(super) struct Cell {
    /// Its paragraphs, in order (a nested table's paragraphs included).
    pub paras: Vec<String>,
    pub vmerge: VMerge,
    /// Text set to run vertically (`w:textDirection` tbRl, btLr, tbRlV, tbLrV; strict tb, tbV).
    pub vertical: bool,
}

impl Cell {
    /// The paragraphs joined with "\n".
    pub fn text(&self) -> String {
        self.paras.join("\n")
    }
}

/// Whether `node` is the WordprocessingML element `name`.
pub(super) fn is_w<N: XmlNode>(node: &N, name: &str) -> bool {
    node.is_element() && node.local_name() == name && node.namespace().is_some_and(|ns| W_NAMESPACES.contains(&ns.as_ref()))
}

fn w_val<N: XmlNode>(node: &N) -> Option<String> {
    W_NAMESPACES.iter().find_map(|ns| node.attribute(ns, "val"))
}

/// Children of `node`, looking through the wrappers Word puts around blocks,
/// rows and cells (`w:sdt` content controls, `w:customXml`, `w:smartTag`).
fn unwrapped_children<N: XmlNode>(node: &N) -> Vec<N> {
    let mut out = Vec::new();
    let mut stack = vec![node.children()];
    while let Some(iter) = stack.last_mut() {
        let Some(child) = iter.next() else {
            stack.pop();
            continue;
        };
        if is_w(&child, "sdt") {
            if let Some(content) = child.children().find(|c| is_w(c, "sdtContent")) {
                stack.push(content.children());
            }
        } else if is_w(&child, "customXml") || is_w(&child, "smartTag") {
            stack.push(child.children());
        } else if child.is_element() {
            out.push(child);
        }
    }
    out
}

/// Elements whose text is not the document's text: properties, deleted text,
/// and the fallback copy of alternate content.
fn skipped<N: XmlNode>(node: &N) -> bool {
    ["pPr", "rPr", "tblPr", "trPr", "tcPr", "del", "moveFrom"].iter().any(|n| is_w(node, n))
        || (node.is_element() && node.local_name() == "Fallback" && node.namespace().as_deref() == Some(MC_NAMESPACE))
}

/// Walks `root`'s subtree in document order without recursion, calling `open`
/// on entering and `close` on leaving each node; the subtree of a node for which
/// `open` returns `false` is not entered.
fn walk<N: XmlNode>(root: &N, mut open: impl FnMut(&N) -> bool, mut close: impl FnMut(&N)) {
    let mut node = root.clone();
    let mut enter = open(&node);
    loop {
        if enter {
            if let Some(child) = node.first_child() {
                node = child;
                enter = open(&node);
                continue;
            }
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            close(&node);
            if node == *root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                enter = open(&node);
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The paragraphs within `node`, in document order: each `w:p` is one string;
/// a paragraph inside another (a text box) continues it after a line break.
pub(super) fn paragraphs<N: XmlNode>(node: &N) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The text of the paragraph being read, and how deeply paragraphs are nested.
    let state = std::cell::RefCell::new((String::new(), 0usize));
    walk(
        node,
        |n| {
            if !n.is_element() {
                let (current, depth) = &mut *state.borrow_mut();
                if n.is_text() && *depth > 0 && n.parent().is_some_and(|p| is_w(&p, "t")) {
                    current.push_str(&n.text().unwrap_or_default());
                }
                return false;
            }
            if skipped(n) {
                return false;
            }
            let (current, depth) = &mut *state.borrow_mut();
            if is_w(n, "p") {
                if *depth > 0 && !current.is_empty() {
                    current.push('\n');
                }
                *depth += 1;
            } else if *depth > 0 {
                if is_w(n, "tab") {
                    current.push('\t');
                } else if is_w(n, "br") || is_w(n, "cr") {
                    current.push('\n');
                } else if is_w(n, "noBreakHyphen") {
                    current.push('-');
                }
            }
            true
        },
        |n| {
            if is_w(n, "p") && !skipped(n) {
                let (current, depth) = &mut *state.borrow_mut();
                *depth = depth.saturating_sub(1);
                if *depth == 0 {
                    out.push(std::mem::take(current));
                }
            }
        },
    );
    out
}

/// The body's paragraphs and tables, in order; `None` when the document is
/// not WordprocessingML (no `w:document` with a `w:body`).
pub(super) fn body_blocks<N: XmlNode>(root: &N) -> Option<Vec<Block>> {
    if !is_w(root, "document") {
        return None;
    }
    let body = root.children().find(|c| is_w(c, "body"))?;
    let blocks = unwrapped_children(&body)
        .into_iter()
        .filter_map(|n| {
            if is_w(&n, "p") {
                Some(Block::Para(paragraphs(&n).concat()))
            } else if is_w(&n, "tbl") {
                Some(Block::Table(table(&n)))
            } else {
                None
            }
        })
        .collect();
    Some(blocks)
}

fn table<N: XmlNode>(tbl: &N) -> Table {
    let rows = unwrapped_children(tbl).into_iter().filter(|n| is_w(n, "tr")).map(|tr| row(&tr)).collect();
    Table { rows }
}

fn row<N: XmlNode>(tr: &N) -> Vec<Cell> {
    let mut cells = Vec::new();
    for tc in unwrapped_children(tr).into_iter().filter(|n| is_w(n, "tc")) {
        let tcpr = tc.children().find(|c| is_w(c, "tcPr"));
        let prop = |name: &str| tcpr.as_ref().and_then(|p| p.children().find(|c| is_w(c, name)));
        let vmerge = match prop("vMerge") {
            None => VMerge::None,
            Some(v) if w_val(&v).as_deref() == Some("restart") => VMerge::Restart,
            Some(_) => VMerge::Continue,
        };
        let vertical =
            prop("textDirection").and_then(|p| w_val(&p)).is_some_and(|d| d.starts_with("tb") || d.starts_with("bt"));
        cells.push(Cell { paras: paragraphs(&tc), vmerge, vertical });
    }
    cells
}
