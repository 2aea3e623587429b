//! Many tabs on one 取りまとめ, each reading storage through a copy of its own that
//! another tab's write reaches only when its `storage` event is delivered (as
//! Chromium keeps a copy of local storage in each renderer process), and storage
//! refusing some writes (full). Whatever the order of adds, comments and
//! deliveries, once every write has reached every tab and each page has made one
//! more change, every report added and every comment saved is in the stored set,
//! each report once.

use std::cell::RefCell;
use std::collections::VecDeque;

use proptest::prelude::*;
use torikumi_core::bundle::stored::{self, KeptSet, BUNDLE_KEY};
use torikumi_core::comments::Anchor;
use torikumi_core::drafts::{KeyValue, StorageError};
use torikumi_core::exchange;
use torikumi_core::{BodyKind, Config, Count, Document, Timestamp};

fn at(n: usize) -> Timestamp {
    Timestamp::from_unix_millis(1_707_526_800_000.0 + n as f64 * 1000.0)
}

/// The n-th ward file: its own content, so no two are the same report (short:
/// the simulation writes the whole set at every step).
fn ward_file(n: usize) -> Vec<u8> {
    let mut d = Document::new(at(0));
    d.report.ward = Some(Config::default().wards[n % 5].clone());
    d.report.body_mut(BodyKind::ALL[0]).count = Some(Count::Number(n as u32 + 1));
    exchange::to_json(&d).into_bytes()
}

/// A write that reached the browser: its order, and the text.
#[derive(Clone)]
struct Write {
    seq: usize,
    text: Option<String>,
}

#[derive(Default)]
struct Tab {
    /// What this tab's reads give.
    copy: RefCell<Option<String>>,
    kept: KeptSet,
    /// Other tabs' writes not yet delivered here, oldest first.
    inbox: VecDeque<Write>,
    /// This tab's last write: an older one arriving later does not replace the copy.
    own_seq: usize,
}

/// Storage as one tab sees it: reads from its copy, writes to the browser's (or is full).
struct View<'a> {
    tab: &'a Tab,
    truth: &'a RefCell<Option<String>>,
    wrote: RefCell<Vec<Option<String>>>,
    full: bool,
}

impl KeyValue for View<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(if key == BUNDLE_KEY { self.tab.copy.borrow().clone() } else { None })
    }
    fn set(&self, _: &str, value: &str) -> Result<(), StorageError> {
        if self.full {
            return Err(StorageError::Full);
        }
        self.write(Some(value.to_owned()));
        Ok(())
    }
    fn remove(&self, _: &str) -> Result<(), StorageError> {
        self.write(None);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(vec![BUNDLE_KEY.to_owned()])
    }
}

impl View<'_> {
    fn write(&self, text: Option<String>) {
        *self.tab.copy.borrow_mut() = text.clone();
        *self.truth.borrow_mut() = text.clone();
        self.wrote.borrow_mut().push(text);
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// A tab adds a new ward file (storage full or not).
    Add(usize, bool),
    /// A tab saves a comment on the n-th report it shows, counted round (storage full or not).
    Comment(usize, usize, bool),
    /// A tab receives the oldest write not yet delivered to it.
    Deliver(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let full = prop::bool::weighted(0.2);
    prop_oneof![
        1 => (0..4usize, full).prop_map(|(t, f)| Step::Add(t, f)),
        1 => (0..4usize, 0..8usize, full).prop_map(|(t, n, f)| Step::Comment(t, n, f)),
        3 => (0..4usize).prop_map(Step::Deliver),
    ]
}

struct World {
    truth: RefCell<Option<String>>,
    tabs: Vec<Tab>,
    seq: usize,
    added: Vec<String>,
    commented: Vec<(String, String)>,
}

impl World {
    /// Runs `act` in tab `t` (storage `full` or not) and sends what it wrote to every other tab.
    fn run(&mut self, t: usize, full: bool, act: impl FnOnce(&View, &KeptSet) -> KeptSet) {
        let view = View { tab: &self.tabs[t], truth: &self.truth, wrote: RefCell::default(), full };
        let kept = act(&view, &self.tabs[t].kept);
        let wrote = view.wrote.into_inner();
        self.tabs[t].kept = kept;
        for text in wrote {
            self.seq += 1;
            self.tabs[t].own_seq = self.seq;
            let write = Write { seq: self.seq, text };
            for (i, other) in self.tabs.iter_mut().enumerate() {
                if i != t {
                    other.inbox.push_back(write.clone());
                }
            }
        }
    }

    fn deliver(&mut self, t: usize) -> bool {
        let Some(write) = self.tabs[t].inbox.pop_front() else { return false };
        if write.seq > self.tabs[t].own_seq {
            *self.tabs[t].copy.borrow_mut() = write.text.clone();
        }
        self.run(t, false, |view, kept| stored::follow(view, kept, write.text.as_deref()).0);
        true
    }

    fn play(&mut self, s: &Step) {
        match *s {
            Step::Add(t, full) => {
                let name = format!("ward{}.json", self.added.len());
                let bytes = ward_file(self.added.len());
                let n = self.added.len();
                self.run(t, full, |view, kept| stored::apply(view, kept, |set| { set.add_file(&name, &bytes, at(n)); }).0);
                self.added.push(name);
            }
            Step::Comment(t, n, full) => {
                let entries = self.tabs[t].kept.set.entries();
                let Some(entry) = entries.get(n % entries.len().max(1)).cloned() else { return };
                let text = format!("指摘{}", self.commented.len());
                let made = at(1000 + self.commented.len());
                let (key, said) = ((entry.file_name.clone(), entry.added), text.clone());
                self.run(t, full, |view, kept| {
                    stored::apply(view, kept, |set| {
                        let id = set.entries().iter().find(|e| (e.file_name.clone(), e.added) == key).map(|e| e.id);
                        if let Some(id) = id {
                            set.edit_comments(id, |r| r.add_comment(Anchor::Report, &said, made).is_some());
                        }
                    })
                    .0
                });
                // Saved only when the report was there to take it (the page says so otherwise).
                let saved = self.tabs[t].kept.set.entries().iter().any(|e| e.document.report.comments.iter().any(|c| c.text == text));
                if saved {
                    self.commented.push((entry.file_name, text));
                }
            }
            Step::Deliver(t) => {
                self.deliver(t);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_report_added_and_comment_saved_is_kept_whatever_the_tabs_copies_of_storage_lag(
        tabs in 2..5usize,
        steps in prop::collection::vec(step(), 1..60),
    ) {
        let mut world = World { truth: RefCell::default(), tabs: (0..tabs).map(|_| Tab::default()).collect(), seq: 0, added: vec![], commented: vec![] };
        for s in &steps {
            let s = match *s {
                Step::Add(t, full) => Step::Add(t % tabs, full),
                Step::Comment(t, n, full) => Step::Comment(t % tabs, n, full),
                Step::Deliver(t) => Step::Deliver(t % tabs),
            };
            world.play(&s);
        }
        // Every write reaches every tab (the joins write again, and those reach them too);
        // then each page makes one more change with room in storage (what it holds as
        // refused is written then), and those writes reach every tab too.
        let mut rounds = 0;
        for t in (0..tabs).chain([usize::MAX]) {
            while (0..tabs).any(|t| world.deliver(t)) {
                rounds += 1;
                prop_assert!(rounds < 10_000, "the tabs never settle");
            }
            if t < tabs {
                world.run(t, false, |view, kept| stored::apply(view, kept, |_| {}).0);
            }
        }
        let kv = View { tab: &Tab { copy: RefCell::new(world.truth.borrow().clone()), ..Tab::default() }, truth: &world.truth, wrote: RefCell::default(), full: false };
        let set = stored::open(&kv).map(|k| k.set).unwrap_or_default();
        let mut files: Vec<_> = set.entries().iter().map(|e| (e.file_name.clone(), e.added)).collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup();
        prop_assert_eq!(files.len(), set.entries().len(), "a report is in the set twice");
        for name in &world.added {
            prop_assert!(set.entries().iter().any(|e| &e.file_name == name), "{} is lost", name);
        }
        for (name, text) in &world.commented {
            let kept = set.entries().iter().any(|e| &e.file_name == name && e.document.report.comments.iter().any(|c| &c.text == text));
            prop_assert!(kept, "{} on {} is lost", text, name);
        }
    }
}
