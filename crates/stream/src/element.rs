//! The XML element tree: [`Element`], [`Node`], [`Attribute`].

use std::borrow::Cow;

use crate::ns;
use crate::xml_str::XmlStr;

/// An XML element with its namespace resolved.
///
/// An element has a namespace URI and a local name (prefixes are an artefact
/// of serialization and are not kept), attributes (unordered, each with an
/// optional namespace; `xml:lang` is the attribute `lang` in [`ns::XML`]),
/// and ordered children: elements and text. Namespace declarations are not
/// attributes: the serializer writes them where they are needed.
///
/// Text children are kept merged: two text nodes are never adjacent and no
/// text node is empty, so that a tree compares equal after a serialize and
/// reparse round trip.
///
/// Any Unicode string can be stored; the serializer refuses (with an error)
/// names that are not XML names and characters that XML cannot carry, so
/// that no invalid XML ever reaches the wire.
///
/// ```
/// use jabber_stream::Element;
/// let message = Element::builder("message", "jabber:client")
///     .attr("type", "chat")
///     .attr("to", "juliet@example.com")
///     .child(Element::builder("body", "jabber:client").text("Art thou not Romeo?"))
///     .build();
/// assert_eq!(message.attr("type"), Some("chat"));
/// assert_eq!(message.get_child("body", "jabber:client").unwrap().text(), "Art thou not Romeo?");
///
/// let parsed: Element = "<message xmlns='jabber:client' type='chat' to='juliet@example.com'>\
///     <body>Art thou not Romeo?</body></message>".parse()?;
/// assert_eq!(parsed, message);
/// # Ok::<(), jabber_stream::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Element {
    name: XmlStr,
    ns: XmlStr,
    attrs: Vec<Attribute>,
    children: Vec<Node>,
}

/// A child of an [`Element`]: an element or character data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Character data (text, CDATA sections and references, already decoded).
    Text(String),
}

/// An attribute of an [`Element`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    ns: Option<XmlStr>,
    name: XmlStr,
    value: XmlStr,
}

impl Attribute {
    /// An attribute in no namespace (the usual case: `type`, `to`, `id`, ...).
    pub fn new(name: impl Into<XmlStr>, value: impl Into<XmlStr>) -> Self {
        Attribute { ns: None, name: name.into(), value: value.into() }
    }

    /// An attribute in a namespace (e.g. `lang` in [`ns::XML`] for `xml:lang`).
    pub fn with_ns(ns: impl Into<XmlStr>, name: impl Into<XmlStr>, value: impl Into<XmlStr>) -> Self {
        let ns = ns.into();
        Attribute { ns: (!ns.is_empty()).then_some(ns), name: name.into(), value: value.into() }
    }

    /// The namespace, if the attribute is namespaced.
    pub fn ns(&self) -> Option<&str> {
        self.ns.as_deref()
    }

    /// The local name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value (already unescaped and normalized).
    pub fn value(&self) -> &str {
        &self.value
    }

    pub(crate) fn ns_str(&self) -> Option<&XmlStr> {
        self.ns.as_ref()
    }

    pub(crate) fn from_parts(ns: Option<XmlStr>, name: XmlStr, value: XmlStr) -> Self {
        Attribute { ns, name, value }
    }

    fn matches(&self, ns: Option<&str>, name: &str) -> bool {
        self.ns.as_deref() == ns && &*self.name == name
    }
}

impl Element {
    /// An empty element named `name` in namespace `ns` (`""` for no namespace).
    pub fn new(name: impl Into<XmlStr>, ns: impl Into<XmlStr>) -> Self {
        Element { name: name.into(), ns: ns.into(), attrs: Vec::new(), children: Vec::new() }
    }

    /// Starts building an element named `name` in namespace `ns`.
    pub fn builder(name: impl Into<XmlStr>, ns: impl Into<XmlStr>) -> ElementBuilder {
        ElementBuilder { element: Element::new(name, ns) }
    }

    pub(crate) fn from_parts(name: XmlStr, ns: XmlStr, attrs: Vec<Attribute>) -> Self {
        Element { name, ns, attrs, children: Vec::new() }
    }

    /// The local name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The namespace URI (`""` when the element is in no namespace).
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// Moves the element (not its children) into namespace `ns`: a stanza
    /// built for one content namespace written into a stream of another
    /// (RFC 6120 §4.8.3).
    pub fn set_ns(&mut self, ns: impl Into<XmlStr>) -> &mut Self {
        self.ns = ns.into();
        self
    }

    /// Whether the element has this local name and namespace.
    pub fn is(&self, name: &str, ns: &str) -> bool {
        &*self.name == name && &*self.ns == ns
    }

    // ----- attributes -----

    /// The value of the attribute `name` in no namespace.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attr_ns(None, name)
    }

    /// The value of the attribute `name` in namespace `ns` (`None`: no namespace).
    pub fn attr_ns(&self, ns: Option<&str>, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.matches(ns, name)).map(|a| a.value())
    }

    /// The `xml:lang` attribute of this element (not inherited).
    pub fn lang(&self) -> Option<&str> {
        self.attr_ns(Some(ns::XML), "lang")
    }

    /// All attributes, in the order they were written or added.
    pub fn attrs(&self) -> &[Attribute] {
        &self.attrs
    }

    /// Sets the attribute `name` (no namespace), replacing an earlier value.
    pub fn set_attr(&mut self, name: impl Into<XmlStr>, value: impl Into<XmlStr>) -> &mut Self {
        self.set_attribute(Attribute::new(name, value))
    }

    /// Sets an attribute, replacing one with the same namespace and name.
    pub fn set_attribute(&mut self, attr: Attribute) -> &mut Self {
        match self.attrs.iter_mut().find(|a| a.matches(attr.ns(), attr.name())) {
            Some(existing) => *existing = attr,
            None => self.attrs.push(attr),
        }
        self
    }

    /// Removes the attribute `name` in namespace `ns`, returning its value.
    pub fn remove_attr(&mut self, ns: Option<&str>, name: &str) -> Option<XmlStr> {
        let i = self.attrs.iter().position(|a| a.matches(ns, name))?;
        Some(self.attrs.remove(i).value)
    }

    // ----- children -----

    /// All children in order: elements and text.
    pub fn nodes(&self) -> &[Node] {
        &self.children
    }

    /// Takes all children out, leaving the element empty.
    pub fn take_nodes(&mut self) -> Vec<Node> {
        std::mem::take(&mut self.children)
    }

    /// The child elements, in order.
    pub fn children(&self) -> impl DoubleEndedIterator<Item = &Element> + '_ {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements, mutably.
    pub fn children_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Element> + '_ {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements named `name` in namespace `ns`.
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
        ns: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a Element> + 'a {
        self.children().filter(move |e| e.is(name, ns))
    }

    /// The first child element named `name` in namespace `ns`.
    pub fn get_child(&self, name: &str, ns: &str) -> Option<&Element> {
        self.children().find(|e| e.is(name, ns))
    }

    /// The first child element named `name` in namespace `ns`, mutably.
    pub fn get_child_mut(&mut self, name: &str, ns: &str) -> Option<&mut Element> {
        self.children_mut().find(|e| e.is(name, ns))
    }

    /// Whether a child element named `name` in namespace `ns` exists.
    pub fn has_child(&self, name: &str, ns: &str) -> bool {
        self.get_child(name, ns).is_some()
    }

    /// Appends a child element.
    pub fn push_child(&mut self, child: Element) -> &mut Self {
        self.children.push(Node::Element(child));
        self
    }

    /// Appends text, merged with a text node that ends the children.
    pub fn push_text(&mut self, text: impl AsRef<str>) -> &mut Self {
        let text = text.as_ref();
        if text.is_empty() {
            return self;
        }
        match self.children.last_mut() {
            Some(Node::Text(last)) => last.push_str(text),
            _ => self.children.push(Node::Text(text.to_owned())),
        }
        self
    }

    /// Appends a node (text is merged as by [`push_text`](Element::push_text)).
    pub fn push_node(&mut self, node: Node) -> &mut Self {
        match node {
            Node::Element(e) => self.push_child(e),
            Node::Text(t) => {
                if t.is_empty() {
                    return self;
                }
                match self.children.last_mut() {
                    Some(Node::Text(last)) => last.push_str(&t),
                    _ => self.children.push(Node::Text(t)),
                }
                self
            }
        }
    }

    /// Removes and returns the first child element named `name` in namespace
    /// `ns`; the text around it is merged again.
    pub fn remove_child(&mut self, name: &str, ns: &str) -> Option<Element> {
        let i = self.children.iter().position(|n| matches!(n, Node::Element(e) if e.is(name, ns)))?;
        let Node::Element(removed) = self.children.remove(i) else { unreachable!("position() matched an element") };
        // Merge the text nodes that the removal made adjacent.
        let adjacent_text = i > 0
            && matches!(self.children.get(i - 1), Some(Node::Text(_)))
            && matches!(self.children.get(i), Some(Node::Text(_)));
        if adjacent_text
            && let Node::Text(next) = self.children.remove(i)
            && let Node::Text(prev) = &mut self.children[i - 1]
        {
            prev.push_str(&next);
        }
        Some(removed)
    }

    /// The concatenated text of the direct text children (not of descendants).
    /// Borrows when there is at most one text node, the usual case.
    pub fn text(&self) -> Cow<'_, str> {
        let mut texts = self.children.iter().filter_map(|n| match n {
            Node::Text(t) => Some(t.as_str()),
            Node::Element(_) => None,
        });
        let Some(first) = texts.next() else {
            return Cow::Borrowed("");
        };
        match texts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                let mut all = String::with_capacity(first.len() + second.len());
                all.push_str(first);
                all.push_str(second);
                texts.for_each(|t| all.push_str(t));
                Cow::Owned(all)
            }
        }
    }

    /// Whether the element has neither children nor attributes.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && self.attrs.is_empty()
    }
}

impl PartialEq for Element {
    /// Equal when names, namespaces, children (in order) and attributes (in
    /// any order) are equal.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.ns == other.ns
            && self.attrs.len() == other.attrs.len()
            && self.attrs.iter().all(|a| other.attrs.iter().any(|b| a == b))
            && self.children == other.children
    }
}

impl Eq for Element {}

/// Builds an [`Element`]; see [`Element::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ElementBuilder {
    element: Element,
}

impl ElementBuilder {
    /// Sets an attribute in no namespace.
    pub fn attr(mut self, name: impl Into<XmlStr>, value: impl Into<XmlStr>) -> Self {
        self.element.set_attr(name, value);
        self
    }

    /// Sets the attribute when `value` is `Some`.
    pub fn attr_opt(self, name: impl Into<XmlStr>, value: Option<impl Into<XmlStr>>) -> Self {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Sets an attribute in namespace `ns`.
    pub fn attr_ns(mut self, ns: impl Into<XmlStr>, name: impl Into<XmlStr>, value: impl Into<XmlStr>) -> Self {
        self.element.set_attribute(Attribute::with_ns(ns, name, value));
        self
    }

    /// Sets `xml:lang`.
    pub fn lang(self, lang: impl Into<XmlStr>) -> Self {
        self.attr_ns(ns::XML, "lang", lang)
    }

    /// Appends a child element.
    pub fn child(mut self, child: impl Into<Element>) -> Self {
        self.element.push_child(child.into());
        self
    }

    /// Appends child elements.
    pub fn children(mut self, children: impl IntoIterator<Item = Element>) -> Self {
        for child in children {
            self.element.push_child(child);
        }
        self
    }

    /// Appends text.
    pub fn text(mut self, text: impl AsRef<str>) -> Self {
        self.element.push_text(text);
        self
    }

    /// The element.
    pub fn build(self) -> Element {
        self.element
    }
}

impl From<ElementBuilder> for Element {
    fn from(builder: ElementBuilder) -> Self {
        builder.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_small() {
        // Two `XmlStr` and two `Vec`: moving an element copies 96 bytes.
        assert_eq!(std::mem::size_of::<Element>(), 96);
        assert_eq!(std::mem::size_of::<Node>(), 96);
        assert_eq!(std::mem::size_of::<Attribute>(), 72);
    }

    #[test]
    fn set_ns_moves_the_element_only() {
        let mut e = Element::builder("message", "jabber:client").child(Element::new("body", "jabber:client")).build();
        e.set_ns("jabber:server");
        assert!(e.is("message", "jabber:server"));
        assert!(e.has_child("body", "jabber:client"));
    }

    #[test]
    fn text_is_merged_and_empty_text_dropped() {
        let mut e = Element::new("body", "jabber:client");
        e.push_text("").push_text("a").push_text("b");
        assert_eq!(e.nodes(), &[Node::Text("ab".into())]);
        e.push_child(Element::new("x", "urn:x"));
        e.push_node(Node::Text("c".into())).push_node(Node::Text("d".into()));
        assert_eq!(e.nodes().len(), 3);
        assert_eq!(e.text(), "abcd");
        assert!(matches!(e.text(), Cow::Owned(_)));
        let x = e.remove_child("x", "urn:x").unwrap();
        assert_eq!(x.name(), "x");
        assert_eq!(e.nodes(), &[Node::Text("abcd".into())]);
        assert!(matches!(e.text(), Cow::Borrowed("abcd")));
    }

    #[test]
    fn attributes_replace_and_compare_unordered() {
        let a = Element::builder("iq", "jabber:client")
            .attr("type", "get")
            .attr("id", "1")
            .attr("type", "set")
            .lang("en")
            .build();
        assert_eq!(a.attr("type"), Some("set"));
        assert_eq!(a.attrs().len(), 3);
        assert_eq!(a.lang(), Some("en"));
        assert_eq!(a.attr("lang"), None);
        let b = Element::builder("iq", "jabber:client").lang("en").attr("id", "1").attr("type", "set").build();
        assert_eq!(a, b);
        let mut c = b.clone();
        assert_eq!(c.remove_attr(None, "id").as_deref(), Some("1"));
        assert_ne!(a, c);
        c.set_attr("id", "2");
        assert_ne!(a, c);
    }

    #[test]
    fn child_lookup_is_by_name_and_namespace() {
        let e = Element::builder("message", "jabber:client")
            .child(Element::new("body", "jabber:client"))
            .child(Element::new("body", "urn:other"))
            .child(Element::new("body", "jabber:client"))
            .build();
        assert_eq!(e.children_named("body", "jabber:client").count(), 2);
        assert!(e.has_child("body", "urn:other"));
        assert!(!e.has_child("subject", "jabber:client"));
        assert_eq!(e.children().count(), 3);
    }
}
