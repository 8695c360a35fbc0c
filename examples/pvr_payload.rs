//! A payload of your own, on the public API only: the PVR namespace of the seed talk ("Extending
//! Jabber"), declared with `#[derive(Payload)]`. `cargo run --example pvr_payload`. The talk's
//! slides carry two slips a strict parser refuses: a comment (restricted XML, RFC 6120 §11.1) and
//! `<end>...</start>`; both are mended here.

use jabber::stanza::{Error, Iq, Payload};
use jabber::stream::Element;

/// `<pvr><record>...</record></pvr>` (iq set) or `<pvr><info>...</info></pvr>` (result).
#[derive(Debug, Clone, PartialEq, Payload)]
#[payload(name = "pvr", ns = "http://ralphm.net/protocols/pvr", set, result)]
pub(crate) enum Pvr {
    Record {
        #[payload(child_text)]
        date: String,
        #[payload(child_text)]
        station: u32,
        #[payload(child_text)]
        program_id: u32,
    },
    Info {
        #[payload(child_text)]
        program_name: String,
        #[payload(child_text)]
        station_name: String,
        #[payload(child_text)]
        start: String,
        #[payload(child_text)]
        end: String,
    },
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The bot asks the PVR to record (the seed's "Conversation bot with PVR").
    let record = Pvr::Record { date: "20031016".into(), station: 36, program_id: 14 };
    let request = Iq::set("rec1", &record).with_to("pvr@home/pvr".parse()?);
    println!(">>> {}", request.to_element());
    // The PVR answers with what it will record.
    let answer: Element =
        "<iq xmlns='jabber:client' type='result' id='rec1' from='pvr@home/pvr' to='tvbot@home/tvbot'>\
        <pvr xmlns='http://ralphm.net/protocols/pvr'><info><program_name>The Matrix</program_name>\
        <station_name>SBS 6</station_name><start>20031016T20:35:00</start><end>20031016T22:05:00</end>\
        </info></pvr></iq>"
            .parse()?;
    let reply = Iq::parse(&answer)?;
    println!("<<< {answer}");
    if let Some(Ok(Pvr::Info { program_name, .. })) = reply.payload::<Pvr>() {
        println!("PVR programmed for '{program_name}'");
    }
    assert_eq!(request.payload::<Pvr>(), Some(Ok(record)));
    let broken: Element =
        "<pvr xmlns='http://ralphm.net/protocols/pvr'><record><date>20031016</date></record></pvr>".parse()?;
    assert!(matches!(Pvr::parse(&broken), Err(Error::MissingChild { element: "record", child: "station" })));
    Ok(())
}
