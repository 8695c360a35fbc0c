//! Well-known element and attribute names, shared as static strings so that
//! parsing them allocates nothing.

use crate::xml_str::XmlStr;

/// The name as an [`XmlStr`]: static when it is a well-known XMPP name,
/// one shared allocation otherwise.
pub(crate) fn intern(name: &str) -> XmlStr {
    static_or_shared(name, well_known(name))
}

/// The attribute value as an [`XmlStr`]: static when it is one of the
/// values XMPP repeats in nearly every stanza, one shared allocation
/// otherwise.
pub(crate) fn value(value: &str) -> XmlStr {
    static_or_shared(value, well_known_value(value))
}

fn static_or_shared(s: &str, known: Option<&'static str>) -> XmlStr {
    known.map_or_else(|| XmlStr::shared(s), XmlStr::from)
}

macro_rules! well_known {
    ($fn:ident: $($name:literal)*) => {
        /// The static copy of the string if it is a well-known one.
        pub(crate) fn $fn(name: &str) -> Option<&'static str> {
            match name {
                $($name => Some($name),)*
                _ => None,
            }
        }
    };
}

// RFC 6120, RFC 6121 and the most common XEPs (0004, 0030, 0045, 0059,
// 0060, 0085, 0115, 0153, 0184, 0191, 0198, 0199, 0203, 0280, 0313, 0359).
well_known! { well_known:
    "message" "presence" "iq" "body" "subject" "thread" "show" "status" "priority" "error" "text"
    "query" "item" "items" "group" "x" "c" "stream" "features" "starttls" "proceed" "failure"
    "required" "optional" "mechanisms" "mechanism" "auth" "challenge" "response" "success" "abort"
    "bind" "resource" "jid" "session" "ver" "sub" "feature" "identity" "field" "value" "option"
    "title" "instructions" "reported" "delay" "event" "pubsub" "publish" "retract" "subscribe"
    "subscription" "subscriptions" "affiliation" "affiliations" "configure" "options" "create"
    "entry" "summary" "link" "id" "published" "updated" "content" "author" "name" "uri" "data"
    "photo" "active" "composing" "paused" "inactive" "gone" "request" "received" "ping" "block"
    "unblock" "blocklist" "result" "forwarded" "set" "first" "last" "count" "before" "after" "max"
    "index" "fin" "stanza-id" "origin-id" "r" "a" "enable" "enabled" "resume" "resumed" "invite"
    "decline" "reason" "password" "history" "destroy" "actor" "continue" "nick" "vCard" "FN"
    "html" "p" "span" "br" "img" "em" "strong" "to" "from" "type" "xmlns" "lang" "node" "hash"
    "role" "code" "stamp" "sid" "seq" "var" "label" "category" "ask" "approved"
    "by" "seconds" "since" "maxchars" "maxstanzas" "h" "location" "rel" "href"
}

// Values of `type` (RFC 6120 §8.2.3, RFC 6121 §4.7.1, §5.2.2), `show`-less
// presence and roster `subscription`/`ask` (RFC 6121 §2.1.2), MUC
// affiliation and role (XEP-0045 §5), stanza error types (RFC 6120 §8.3.2),
// data form field types (XEP-0004 §3.3), caps hashes (XEP-0115) and the
// most common `xml:lang`.
well_known! { well_known_value:
    "chat" "groupchat" "normal" "headline" "error" "get" "set" "result" "unavailable" "subscribe"
    "subscribed" "unsubscribe" "unsubscribed" "probe" "none" "to" "from" "both" "remove" "true"
    "false" "owner" "admin" "member" "outcast" "moderator" "participant" "visitor" "cancel"
    "continue" "modify" "auth" "wait" "submit" "form" "hidden" "text-single" "text-multi"
    "list-single" "list-multi" "boolean" "jid-single" "fixed" "sha-1" "en" "0" "1"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_names_are_static_and_others_are_not_lost() {
        assert_eq!(&*intern("message"), "message");
        assert_eq!(&*intern("my-own-element"), "my-own-element");
        assert!(well_known("message").is_some());
        assert!(well_known("my-own-element").is_none());
        assert_eq!(&*value("chat"), "chat");
        assert_eq!(&*value("my own value"), "my own value");
    }
}
