//! Language-tagged texts: `<body/>`, `<subject/>`, `<status/>`, `<text/>`
//! with distinct `xml:lang` values (RFC 6120 §8.3.2, RFC 6121 §4.7.2.2, §5.2.3).

use jabber_stream::{Element, XmlStr, ns};

use crate::error::Error;
use crate::parse;

/// Alternative versions of one text, each with a distinct `xml:lang` (or
/// none, meaning the language of the stanza or stream).
///
/// ```
/// use jabber_stanza::Texts;
/// let mut bodies = Texts::new();
/// bodies.set(None, "Wherefore art thou?");
/// bodies.set(Some("de"), "Warum bist du?");
/// assert_eq!(bodies.default_text(), Some("Wherefore art thou?"));
/// assert_eq!(bodies.get(Some("de")), Some("Warum bist du?"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts(Vec<(Option<String>, String)>);

impl Texts {
    /// No texts.
    pub fn new() -> Self {
        Texts(Vec::new())
    }

    /// One text without a language.
    pub fn single(text: impl Into<String>) -> Self {
        Texts(vec![(None, text.into())])
    }

    /// The text in `lang` (`None`: the one without `xml:lang`).
    pub fn get(&self, lang: Option<&str>) -> Option<&str> {
        self.0.iter().find(|(l, _)| l.as_deref() == lang).map(|(_, t)| t.as_str())
    }

    /// The text without `xml:lang`, or else the first one.
    pub fn default_text(&self) -> Option<&str> {
        self.get(None).or_else(|| self.0.first().map(|(_, t)| t.as_str()))
    }

    /// Sets the text in `lang`, replacing an earlier one in that language.
    pub fn set(&mut self, lang: Option<&str>, text: impl Into<String>) {
        let text = text.into();
        match self.0.iter_mut().find(|(l, _)| l.as_deref() == lang) {
            Some((_, t)) => *t = text,
            None => self.0.push((lang.map(str::to_owned), text)),
        }
    }

    /// Removes the text in `lang`.
    pub fn remove(&mut self, lang: Option<&str>) -> Option<String> {
        let i = self.0.iter().position(|(l, _)| l.as_deref() == lang)?;
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
    /// one in the same language.
    pub(crate) fn add_parsed(
        &mut self,
        element: &Element,
        parent: &'static str,
        child: &'static str,
    ) -> Result<(), Error> {
        parse::no_child_elements(element, child)?;
        let lang = element.lang();
        if self.get(lang).is_some() {
            return Err(Error::DuplicateLanguage { element: parent, child, lang: lang.map(str::to_owned) });
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
