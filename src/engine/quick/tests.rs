//! The quick reader held to `ron`: hand-picked forms read the same, forms left to `ron`, deep
//! nesting, and every bundled scenario.

use super::from_str;
use crate::engine::load::ron_options;
use crate::engine::model::Scenario;

/// The quick reader either leaves `src` to ron or reads the same value ron reads.
fn same_as_ron<T>(src: &str) -> Option<bool>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let quick = from_str::<T>(src)?;
    let ron: T = ron_options().from_str(src).unwrap_or_else(|e| panic!("quick read what ron rejects: {e}\n{src}"));
    assert_eq!(quick.value, ron, "{src}");
    Some(quick.repeated_keys)
}

#[test]
fn agrees_with_ron() {
    use crate::engine::model::{Artefact, Choice, Condition, Node, Value};
    use std::collections::BTreeMap;
    // Read by the quick reader, and the same as ron.
    for src in [
        r#"(text: "a", choices: [(id: "x", text: "y", next: "z")])"#,
        "Node(text: \"line\\nbreak \\\"quoted\\\" \\u{4e2d}\\\\\", label: None)",
        "(text: r#\"raw \"inside\" \"#, speaker: \"c\") // trailing comment",
        "/* a /* nested */ comment */ (text: \"\\\n      joined\",)",
        "(text: \"t\", artefacts: [Crm(title: \"r\", fields: [(label: \"l\", value: \"v\", sensitive: true,),],)])",
        "(text: \"t\", input: (kind: IncidentReport, prompt: \"p\", next: \"n\"))",
        "(\n  text: \"中文 ¥\",\n  next: \"n\",\n)",
        "(text: \"a\", next: r\"b\")",
        "(text: \"a\", speaker: Some(\"b\"))",
        "(text: \"a\", speaker: Some( /* who */ \"b\" ), input: None, next: \"c\")",
        "(text: \"t\", choices: [(id: \"x\", text: \"y\", harm: Some(Other(\"tag\")), next: \"z\")])",
        "(text: \"a\", next: [(when: Caught(\"f\"), to: \"b\"), (to: \"c\",),])",
        "(text: \"t\", input: (kind: FreeText, prompt: \"p\", next: [(when: Covered(\"i\"), to: \"n\"), (to: \"m\")], model_answer: \"m\"))",
    ] {
        assert_eq!(same_as_ron::<Node>(src), Some(false), "{src}");
    }
    for src in [
        "Not(All([Caught(\"a\"), Is(\"v\", Int(-3)), AtLeast(\"p\", +2)]))",
        "Any([])",
        "Chose(\"x\",)",
        "Any([HarmDone, Spotted(\"f\"), Covered(\"c\")])",
    ] {
        assert_eq!(same_as_ron::<Condition>(src), Some(false), "{src}");
    }
    assert_eq!(same_as_ron::<Value>("Text(\"x\")"), Some(false));
    assert_eq!(same_as_ron::<Artefact>("Queue(label: \"q\", count: 4000000000)"), Some(false));
    assert_eq!(same_as_ron::<BTreeMap<String, i32>>("{\"a\": 1, \"b\": 2, \"a\": 3}"), Some(true));
    assert_eq!(same_as_ron::<BTreeMap<String, i32>>("{\"a\": 1, r\"b\": 2}"), Some(false));
    assert_eq!(same_as_ron::<Choice>("(id: \"x\", text: \"y\", scores: {\"a\": 1, \"a\": 1})"), Some(true));
    // Left to ron: errors, and forms the quick reader does not read.
    for src in [
        "(text: \"a\", text: \"b\")",
        "(text: \"a\" next: \"b\")",
        "#![enable(implicit_some)] (text: \"a\")",
        "(text: \"a\\x41\")",
        "(text: \"a\", timeout: (seconds: 0x10, then: (id: \"t\", text: \"t\")))",
        "(text: \"a\", timeout: (seconds: 1u32, then: (id: \"t\", text: \"t\")))",
        "(text: \"a\", timeout: (seconds: -1, then: (id: \"t\", text: \"t\")))",
        "(text: \"a\", timeout: (seconds: 1_0, then: (id: \"t\", text: \"t\")))",
        "(text: \"a\"",
        "(text: \"a\") x",
        "(text: \"a\", channel: Cal-l)",
        "(text: \"a\", channel: r#Call)",
        "(te\u{200E}xt: \"a\")",
        "(\u{2028}text: \"a\")",
        "(text: \"a\", next: \"b\", unknown: 1)",
        "(text: \"a\" /* open",
        "Nod(text: \"a\")",
    ] {
        assert_eq!(same_as_ron::<Node>(src), None, "{src}");
    }
    let deep = format!("{}Caught(\"a\"){}", "Not(".repeat(60), ")".repeat(60));
    assert_eq!(same_as_ron::<Condition>(&deep), None, "deep nesting is left to ron");
}

#[test]
fn reads_every_bundled_scenario_as_ron_does() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).expect("scenarios/") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == crate::engine::path::FILE_NAME) {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(same_as_ron::<Scenario>(&src), Some(false), "{} was left to ron", path.display());
        read += 1;
    }
    assert!(read >= 54, "{read} scenarios");
    let synthetic = crate::engine::synth::scenario_source(300, true);
    assert_eq!(same_as_ron::<Scenario>(&synthetic), Some(false));
}
