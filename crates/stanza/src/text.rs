//! Language-tagged texts: `<body/>`, `<subject/>`, `<status/>`, `<text/>`
//! with distinct `xml:lang` values (RFC 6120 §8.3.2, RFC 6121 §4.7.2.2, §5.2.3).
//!
//! Languages are compared by meaning: a text without `xml:lang` has the
//! language of its stanza (RFC 6120 §8.1.5, XML 1.0 §2.12), and language
//! tags compare case-insensitively (RFC 5646 §2.1.1).

use jabber_stream::{Element, XmlStr, ns};

use crate::error::Error;
use crate::parse;

/// Alternative versions of one text, each with a distinct `xml:lang` (or
/// none, meaning the language of the stanza or stream).
///
/// Each text keeps its `xml:lang` as it was written (`None`: inherited).
/// [`get`](Texts::get) looks up that written tag; [`in_language`](Texts::in_language)
/// looks up the text a reader of a language sees, with the inherited
/// language taken into account. Both compare tags case-insensitively.
///
/// ```
/// use jabber_stanza::Texts;
/// let mut bodies = Texts::new();
/// bodies.set(None, "Wherefore art thou?");
/// bodies.set(Some("de"), "Warum bist du?");
/// assert_eq!(bodies.default_text(), Some("Wherefore art thou?"));
/// assert_eq!(bodies.get(Some("de")), Some("Warum bist du?"));
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Texts(Vec<(Option<String>, String)>, LanguageIndex);

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Texts").field(&self.0).finish()
    }
}

/// The effective languages of a long list of texts while it is parsed, so
/// that the duplicate check of each new text costs O(1), not O(n): a
/// stanza of thousands of `<status/>`s is read in linear time. Built on the
/// first parsed text past [`LanguageIndex::FROM`], dropped by any other
/// change; never part of equality.
#[derive(Clone, Default)]
struct LanguageIndex(Option<Box<BuiltIndex>>);

/// The inherited language an index was built for, and the folded effective languages.
type BuiltIndex = (Option<String>, std::collections::HashSet<Option<String>>);

impl LanguageIndex {
    /// Below this many texts a scan is cheaper than an index.
    const FROM: usize = 8;
}

impl PartialEq for LanguageIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LanguageIndex {}

/// A language tag as the index keeps it (RFC 5646 §2.1.1: case-insensitive).
fn folded(tag: Option<&str>) -> Option<String> {
    tag.map(str::to_ascii_lowercase)
}

impl Texts {
    /// No texts.
    pub fn new() -> Self {
        Texts(Vec::new(), LanguageIndex::default())
    }

    /// One text without a language.
    pub fn single(text: impl Into<String>) -> Self {
        Texts(vec![(None, text.into())], LanguageIndex::default())
    }

    /// The text whose own `xml:lang` is `lang` (`None`: the one without
    /// `xml:lang`), tags compared case-insensitively (RFC 5646 §2.1.1).
    pub fn get(&self, lang: Option<&str>) -> Option<&str> {
        self.position(lang).map(|i| self.0[i].1.as_str())
    }

    /// The text in language `lang`, where a text without `xml:lang` is in
    /// `inherited` (the stanza's `xml:lang`, or the stream's; RFC 6120
    /// §8.1.5). Tags compare case-insensitively (RFC 5646 §2.1.1).
    ///
    /// ```
    /// use jabber_stanza::Texts;
    /// let mut bodies = Texts::new();
    /// bodies.set(None, "Hello");
    /// bodies.set(Some("de"), "Hallo");
    /// assert_eq!(bodies.in_language("EN", Some("en")), Some("Hello"));
    /// assert_eq!(bodies.in_language("DE", Some("en")), Some("Hallo"));
    /// assert_eq!(bodies.in_language("fr", Some("en")), None);
    /// ```
    pub fn in_language(&self, lang: &str, inherited: Option<&str>) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| l.as_deref().or(inherited).is_some_and(|l| l.eq_ignore_ascii_case(lang)))
            .map(|(_, t)| t.as_str())
    }

    fn position(&self, lang: Option<&str>) -> Option<usize> {
        self.0.iter().position(|(l, _)| same_tag(l.as_deref(), lang))
    }

    /// The text without `xml:lang`, or else the first one.
    pub fn default_text(&self) -> Option<&str> {
        self.get(None).or_else(|| self.0.first().map(|(_, t)| t.as_str()))
    }

    /// Sets the text in `lang`, replacing an earlier one in that language.
    pub fn set(&mut self, lang: Option<&str>, text: impl Into<String>) {
        self.1 = LanguageIndex::default();
        let text = text.into();
        match self.position(lang) {
            Some(i) => self.0[i].1 = text,
            None => self.0.push((lang.map(str::to_owned), text)),
        }
    }

    /// Removes the text in `lang` (compared as [`get`](Texts::get) does).
    pub fn remove(&mut self, lang: Option<&str>) -> Option<String> {
        self.1 = LanguageIndex::default();
        let i = self.position(lang)?;
        Some(self.0.remove(i).1)
    }

    /// `(language, text)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.0.iter().map(|(l, t)| (l.as_deref(), t.as_str()))
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many versions there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds a parsed `<child xml:lang='..'>text</child>`, refusing a second
    /// one in the same language; a child without `xml:lang` has no
    /// inherited language here (see [`add_parsed_in`](Texts::add_parsed_in)).
    pub(crate) fn add_parsed(
        &mut self,
        element: &Element,
        parent: &'static str,
        child: &'static str,
    ) -> Result<(), Error> {
        self.add_parsed_in(element, parent, child, None)
    }

    /// Adds a parsed `<child xml:lang='..'>text</child>` whose parent has
    /// the language `inherited`, refusing a second text in the same
    /// language by meaning: `<body/>` and `<body xml:lang='EN'/>` in a
    /// stanza of `xml:lang='en'` are both English (RFC 6120 §8.1.5, RFC
    /// 6121 §5.2.3, RFC 5646 §2.1.1). On error nothing is added.
    pub(crate) fn add_parsed_in(
        &mut self,
        element: &Element,
        parent: &'static str,
        child: &'static str,
        inherited: Option<&str>,
    ) -> Result<(), Error> {
        parse::no_child_elements(element, child)?;
        let lang = element.lang();
        let effective = lang.or(inherited);
        let duplicate = if self.0.len() < LanguageIndex::FROM {
            self.0.iter().any(|(l, _)| same_tag(l.as_deref().or(inherited), effective))
        } else {
            let inherited_folded = folded(inherited);
            let index = match &mut self.1.0 {
                Some(built) if built.0 == inherited_folded => &mut built.1,
                slot => {
                    let index = self.0.iter().map(|(l, _)| folded(l.as_deref().or(inherited))).collect();
                    &mut slot.insert(Box::new((inherited_folded, index))).1
                }
            };
            !index.insert(folded(effective))
        };
        if duplicate {
            return Err(Error::DuplicateLanguage { element: parent, child, lang: effective.map(str::to_owned) });
        }
        self.0.push((lang.map(str::to_owned), element.text().into_owned()));
        Ok(())
    }

    /// One element per text, named `name` in `ns`.
    pub(crate) fn to_elements<'a>(&'a self, name: &'static str, ns: &'a XmlStr) -> impl Iterator<Item = Element> + 'a {
        self.0.iter().map(move |(lang, text)| {
            let mut e = Element::builder(name, ns.clone()).text(text);
            if let Some(lang) = lang {
                e = e.attr_ns(ns::XML, "lang", lang.clone());
            }
            e.build()
        })
    }
}

/// Whether two language tags are the same, case-insensitively (RFC 5646
/// §2.1.1); `None` (no language) equals only `None`.
fn same_tag(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    }
}

impl<L: Into<String>, T: Into<String>> FromIterator<(Option<L>, T)> for Texts {
    /// Collects `(language, text)` pairs; a later text replaces an earlier
    /// one in the same language.
    fn from_iter<I: IntoIterator<Item = (Option<L>, T)>>(iter: I) -> Self {
        let mut texts = Texts::new();
        for (lang, text) in iter {
            let lang: Option<String> = lang.map(Into::into);
            texts.set(lang.as_deref(), text);
        }
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lang: Option<&str>) -> Element {
        let mut e = Element::builder("status", "jabber:client").text("x");
        if let Some(lang) = lang {
            e = e.attr_ns(ns::XML, "lang", lang.to_owned());
        }
        e.build()
    }

    /// Past the index threshold, duplicates are found by meaning as before:
    /// case-insensitively, with the inherited language.
    #[test]
    fn long_lists_find_duplicates_by_meaning() {
        let mut texts = Texts::new();
        let tags: Vec<String> = (0..40).map(|i| format!("x-l{i}")).collect();
        for tag in &tags {
            texts.add_parsed_in(&text(Some(tag)), "presence", "status", Some("en")).unwrap();
        }
        assert!(texts.add_parsed_in(&text(Some("X-L3")), "presence", "status", Some("en")).is_err());
        // No xml:lang: the inherited "en", not yet present.
        texts.add_parsed_in(&text(None), "presence", "status", Some("en")).unwrap();
        assert!(texts.add_parsed_in(&text(Some("EN")), "presence", "status", Some("en")).is_err());
        assert_eq!(texts.len(), 41);
        // A change through the API drops the index; the next parse rebuilds it.
        texts.remove(Some("x-l5"));
        texts.add_parsed_in(&text(Some("x-l5")), "presence", "status", Some("en")).unwrap();
        assert!(texts.add_parsed_in(&text(Some("x-l5")), "presence", "status", Some("en")).is_err());
        // Another inherited language: the index is rebuilt for it.
        assert!(texts.add_parsed_in(&text(None), "presence", "status", Some("x-l7")).is_err());
    }
}
