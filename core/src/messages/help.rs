//! 使い方 (`#/help`): the help page's sections as data, so the app renders them with one
//! loop, and which section a message links to with 「詳しく」.
//!
//! The texts name the app's real buttons and messages in 「」; a native test checks that
//! each one is still shown somewhere in the app (core/tests/help.rs).

use crate::drafts::lifecycle::DraftError;
use crate::drafts::StoredError;
use crate::print::escape;

/// A section of 使い方; its id is its address (`#/help/<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Drafts,
    Writing,
    Finishing,
    Exports,
    Offline,
    NextYear,
    Bundle,
    Review,
    NotSaved,
    OtherTab,
    RefusedFile,
}

impl Topic {
    /// Every topic, in the page's order.
    pub const ALL: [Topic; 11] = [
        Topic::Drafts,
        Topic::Writing,
        Topic::Finishing,
        Topic::Exports,
        Topic::Offline,
        Topic::NextYear,
        Topic::Bundle,
        Topic::Review,
        Topic::NotSaved,
        Topic::OtherTab,
        Topic::RefusedFile,
    ];

    /// The section's id in the address and in the page (ASCII, no `/`).
    pub fn id(self) -> &'static str {
        match self {
            Topic::Drafts => "drafts",
            Topic::Writing => "writing",
            Topic::Finishing => "finish",
            Topic::Exports => "export",
            Topic::Offline => "offline",
            Topic::NextYear => "next-year",
            Topic::Bundle => "bundle",
            Topic::Review => "review",
            Topic::NotSaved => "not-saved",
            Topic::OtherTab => "other-tab",
            Topic::RefusedFile => "refused-file",
        }
    }

    /// The topic an address names; `None` for one the page does not have.
    pub fn from_id(id: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// One section: a title, a few sentences, and a picture where it says more.
#[derive(Debug)]
pub struct Section {
    pub topic: Topic,
    pub title: &'static str,
    pub paragraphs: &'static [&'static str],
    pub picture: Option<Picture>,
}

/// A small inline SVG (decorative: `aria-hidden`, its caption says what it shows),
/// drawn with the page's colours (`.help-figure` in styles.css).
#[derive(Debug)]
pub struct Picture {
    pub svg: &'static str,
    pub caption: &'static str,
}

/// The page's sections, in the order of [`Topic::ALL`].
pub const SECTIONS: &[Section] = &[
    Section {
        topic: Topic::Drafts,
        title: "下書きはこのブラウザーの中だけ",
        paragraphs: &[
            "下書きは、このパソコンのこのブラウザーの中だけに保存され、ほかのパソコンやブラウザーからは見えません。",
            "ブラウザーのデータを消すと下書きも消えます。区切りごとに「JSONを書き出す」で保存してください。「読み込む」で戻せます。",
        ],
        picture: Some(Picture {
            svg: r#"<svg viewBox="0 0 232 72" width="232" height="72" aria-hidden="true"><rect x="1" y="1" width="124" height="70" rx="6"/><path d="M1 19h124"/><text x="8" y="14">ブラウザー</text><rect x="36" y="28" width="54" height="34"/><text x="45" y="50">下書き</text><path d="M130 45h36m-7-6 7 6-7 6"/><path d="M176 24h34l10 10v36h-44z"/><text x="181" y="56">JSON</text></svg>"#,
            caption: "下書きはブラウザーの中にあり、書き出すとファイルになります。",
        }),
    },
    Section {
        topic: Topic::Writing,
        title: "入力と自動保存",
        paragraphs: &[
            "入力は、手を止めると自動で保存されます。上に「この端末に保存済み」と出ていれば保存できています。",
            "「元に戻す」で直前の変更を取り消せます。数分ごとに「以前の版」が残り、そこから戻せます。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::Finishing,
        title: "「完成にする」と注意",
        paragraphs: &[
            "書き終えたら「完成にする」を押します。エラーがあると完成にならず、直す場所が出ます。",
            "注意だけのときは「このまま完成にする」か「戻って直す」を選びます。完成後に直すときは「編集を再開」を押します。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::Exports,
        title: "書き出し・メール・PDF",
        paragraphs: &[
            "「JSONを書き出す」で提出用のファイルを作ります。「HTMLを書き出す」はブラウザーで、「Wordで書き出す」はWordで開けるファイルです。",
            "「メールで送る」はメールの作成を手伝います。PDFは「印刷用表示」の「印刷」で「PDFに保存」を選びます。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::Offline,
        title: "オフラインで使う",
        paragraphs: &[
            "https:// のアドレスで一度開くと、ネットワークがなくても使えます。取りまとめとWordファイルは、一度オンラインで使うと次からオフラインでも使えます。",
            "ネットワークのないパソコンでは、「オフライン版をダウンロード」で保存したファイル（torikumi.html）を使います。その下書きは別なので、「書き出す」と「読み込む」で移します。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::NextYear,
        title: "前年度から作成",
        paragraphs: &[
            "「前年度から作成」で、この端末の下書き、書き出したファイル、昨年度のWordファイル（.docx）から次の年度の下書きを作ります。",
            "回数と内容は「空にする」か「そのまま残す」を選べます。Wordファイルは、読み取った内容を確かめて「この内容で作成」を押します。",
            "作った下書きでは「前年度を表示」で、各項目の下に前年度の内容が出ます。「前年度の内容を使う」で写せて、「元に戻す」で取り消せます。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::Bundle,
        title: "取りまとめ（市の担当者）",
        paragraphs: &[
            "「取りまとめ」の「ファイルを追加」で、各区から届いたファイルを読み込みます。足りない区や下書きの報告は注意として出ます。",
            "「まとめて印刷用表示」で区の順に印刷し、「CSVを書き出す」で回数の一覧を書き出せます。",
            "前年度のファイルも追加すると、回数の一覧に「前年度」と「増減」が加わります。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::Review,
        title: "市からの指摘と回答",
        paragraphs: &[
            "市の担当者は「取りまとめ」で区の「確認する」を押し、項目ごとに指摘を書きます。「指摘を書き出す」で区に送るファイルができます。",
            "区では、届いたファイルを「読み込む」で読み込みます。指摘は該当する項目の下に出ます。対応したら「対応済みにする」を押し、必要なら回答を書きます。",
            "回答は「JSONを書き出す」のファイルに入り、市が読み込むと対応済みの件数が分かります。対応済みでない指摘は、「完成にする」で注意として出ます。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::NotSaved,
        title: "「保存できていません」と出たとき",
        paragraphs: &[
            "入力した内容はこの画面に残っていますが、保存されていません。まず「JSONを書き出す」（取りまとめでは「まとめてJSONを書き出す」）でファイルに保存してください。",
            "保存領域がいっぱいのときは、不要な下書きを削除し「ごみ箱」で「完全に削除」します。保存できるようになると自動で保存されます。保存が無効なブラウザーでは、書き出したファイルだけが残ります。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::OtherTab,
        title: "「別のタブで編集中」と出たとき",
        paragraphs: &[
            "1つの下書きを編集できるのは1つのタブだけで、ほかのタブは閲覧のみです。こちらで続けるときは「このタブで編集する」を押します。",
            "「別のタブで更新されています」と出たら、「新しい方を開く」か「この画面の内容を別の下書きとして残す」を選びます。どちらでも内容は失われません。",
        ],
        picture: None,
    },
    Section {
        topic: Topic::RefusedFile,
        title: "ファイルを読み込めないとき",
        paragraphs: &[
            "読み込めるのは「JSONを書き出す」「HTMLを書き出す」のファイル、下書きのバックアップ、市からの指摘のファイル、取組状況のWordファイル（.docx）です。手を加えずに選んでください。",
            "古いWord文書（.doc）やパスワード付きの文書は、Wordで .docx に保存し直します。「新しい版のアプリ」と出たら、ページを再読み込みします。",
        ],
        picture: None,
    },
];

/// The table of contents and the sections as markup, from one loop over [`SECTIONS`]
/// (a string, so the app compiles little code for the page). Each heading's id is
/// `help-<id>`, where `#/help/<id>` scrolls; every text is escaped, and the pictures
/// are the SVG above (checked to hold nothing active).
pub fn page_html() -> String {
    let (mut toc, mut body) = (String::new(), String::new());
    for s in SECTIONS {
        let (id, title) = (s.topic.id(), escape(s.title));
        toc.push_str(&format!(r##"<li><a href="#/help/{id}">{title}</a></li>"##));
        body.push_str(&format!(
            r#"<section class="help-section" aria-labelledby="help-{id}"><h2 id="help-{id}" class="block-title" tabindex="-1">{title}</h2>"#
        ));
        for p in s.paragraphs {
            body.push_str(&format!("<p>{}</p>", escape(p)));
        }
        if let Some(picture) = &s.picture {
            body.push_str(&format!(r#"<figure class="help-figure">{}<figcaption>{}</figcaption></figure>"#, picture.svg, escape(picture.caption)));
        }
        body.push_str("</section>");
    }
    format!(r#"<div class="help-body"><nav aria-label="目次"><ul class="help-toc">{toc}</ul></nav>{body}</div>"#)
}

/// The section of a topic.
pub fn section(topic: Topic) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.topic == topic)
}

/// The section that explains a set of 取りまとめ that was not stored, if one does.
pub fn bundle_store_error_topic(error: &crate::bundle::stored::BundleStoreError) -> Option<Topic> {
    matches!(error, crate::bundle::stored::BundleStoreError::Storage(_)).then_some(Topic::NotSaved)
}

/// The section that explains a draft that was not stored or changed, if one does.
pub fn draft_error_topic(error: &DraftError) -> Option<Topic> {
    match error {
        DraftError::Storage(_) | DraftError::NoBackup(_) => Some(Topic::NotSaved),
        DraftError::Conflict { .. } => Some(Topic::OtherTab),
        // Not here: made in another browser, which the drafts' section explains.
        DraftError::NotFound => Some(Topic::Drafts),
        DraftError::Unreadable(StoredError::Newer { .. }) => Some(Topic::RefusedFile),
        DraftError::Unreadable(StoredError::Damaged(_)) | DraftError::NotInTrash => None,
    }
}
