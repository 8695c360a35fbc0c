//! XEP-0141: Data Forms Layout, version 1.0.
//!
//! How a data form (XEP-0004) is laid out: `<page/>`s holding texts,
//! nested `<section/>`s, references to fields by `var` and to the table
//! of results (§3). A form keeps its pages in
//! [`DataForm::pages`](crate::forms::DataForm::pages).
//!
//! ```
//! use jabber_ext::layout::{Layout, Page};
//! use jabber_stanza::Payload;
//!
//! // XEP-0141 Example 1, shortened.
//! let page = Page::parse(&"<page xmlns='http://jabber.org/protocol/xdata-layout' label='Personal Information'>\
//!     <text>This is page one of three.</text><fieldref var='name.first'/>\
//!     <section label='Address'><fieldref var='address.street'/></section></page>".parse()?)?;
//! assert_eq!(page.label.as_deref(), Some("Personal Information"));
//! assert!(matches!(&page.content[2], Layout::Section { label: Some(l), .. } if l == "Address"));
//! assert_eq!(page.field_refs().collect::<Vec<_>>(), ["name.first", "address.street"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jabber_stanza::{Error, Payload, Unknown};

use crate::ns;

/// What a page or section holds, in order (XEP-0141 §3).
#[derive(Debug, Clone, PartialEq, Eq, Payload)]
#[payload(ns = ns::DATA_LAYOUT)]
pub enum Layout {
    /// `<text/>`: text for the reader.
    Text(#[payload(text)] String),
    /// `<section/>`: a group with its own label.
    Section {
        /// `label`.
        #[payload(attr)]
        label: Option<String>,
        /// What it holds.
        #[payload(child)]
        content: Vec<Layout>,
    },
    /// `<fieldref var='..'/>`: a field of the form, by `var`.
    #[payload(name = "fieldref")]
    FieldRef {
        /// `var`.
        #[payload(attr)]
        var: String,
    },
    /// `<reportedref/>`: the table of results.
    #[payload(name = "reportedref")]
    ReportedRef,
}

/// `<page xmlns='http://jabber.org/protocol/xdata-layout'/>` (XEP-0141 §3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Payload)]
#[payload(name = "page", ns = ns::DATA_LAYOUT)]
pub struct Page {
    /// `label`.
    #[payload(attr)]
    pub label: Option<String>,
    /// What it holds, in order.
    #[payload(child)]
    pub content: Vec<Layout>,
    /// What the model does not hold, or could not read.
    #[payload(unknown)]
    pub unknown: Unknown,
    /// Why each part kept in `unknown` could not be read.
    #[payload(malformed)]
    pub malformed: Vec<Error>,
}

impl Page {
    /// The `var` of every field the page refers to, sections included, in order.
    pub fn field_refs(&self) -> impl Iterator<Item = &str> {
        let mut out = Vec::new();
        collect(&self.content, &mut out);
        out.into_iter()
    }
}

fn collect<'a>(content: &'a [Layout], out: &mut Vec<&'a str>) {
    for item in content {
        match item {
            Layout::FieldRef { var } => out.push(var),
            Layout::Section { content, .. } => collect(content, out),
            Layout::Text(_) | Layout::ReportedRef => {}
        }
    }
}
