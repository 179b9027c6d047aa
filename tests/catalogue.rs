//! The one message catalogue: both languages define the same messages, and every message the
//! app, the engine and the command line ask for exists and has a text in both.

use hotwash::engine::i18n::{Lang, Tr, message_ids};

use crate::root;

/// The source files under `dir`, recursively.
fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every message id literal in the source: `.t("id")`, `t_args("id"`, `t_text("id"`, `s("id"`,
/// and ids chosen by a `match` or listed, written as plain literals with a known prefix.
fn ids_used_in_code() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["src/app", "src/engine", "src/cli"] {
        sources(&root().join(dir), &mut files);
    }
    let mut ids = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for marker in
            [".t(\"", ".t_args(\n", ".t_args(\"", ".t_text(\n", ".t_text(\"", ".s(\n", ".s(\"", "msg!(\"", "msg!(\n"]
        {
            for (at, _) in source.match_indices(marker) {
                let rest = source[at + marker.len()..].trim_start().trim_start_matches('"');
                let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if id.contains('-') {
                    ids.push(id);
                }
            }
        }
        for prefix in [
            "\"category-",
            "\"difficulty-",
            "\"outcome-",
            "\"channel-",
            "\"role-",
            "\"report-",
            "\"tour-",
            "\"review-",
            "\"team-",
            "\"cli-",
            "\"run-what-",
        ] {
            for (at, _) in source.match_indices(prefix) {
                let id: String =
                    source[at + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                // A whole literal (`"team-review_…"` is a file name, not a message).
                if !id.ends_with('-') && source[at + 1 + id.len()..].starts_with('"') {
                    ids.push(id);
                }
            }
        }
    }
    // Literals that look like ids but are not messages: the missing-message test's id, an egui
    // panel's id, a folder's name.
    ids.retain(|id| !["no-such-message", "review-actions", "team-reviews"].contains(&id.as_str()));
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn both_languages_define_the_same_messages_and_every_message_the_code_uses() {
    let en = message_ids(&Lang::En.source());
    let zh = message_ids(&Lang::ZhCn.source());
    assert!(en.len() > 250, "{}", en.len());
    let (mut en_sorted, mut zh_sorted) = (en.clone(), zh.clone());
    en_sorted.sort();
    zh_sorted.sort();
    assert_eq!(en_sorted, zh_sorted, "en.ftl and zh-CN.ftl differ");
    let used = ids_used_in_code();
    assert!(used.len() > 200, "the scan found {} ids", used.len());
    for area in [
        "review-lost-points",
        "team-prompt-flag",
        "team-csv-trainee",
        "outcome-harmed",
        "cli-shape-report",
        "cli-check-summary",
        "replay-ending-differs",
        "diag-random-empty",
    ] {
        assert!(used.iter().any(|id| id == area), "the scan misses {area}");
    }
    let missing: Vec<&String> = used.iter().filter(|id| !en.contains(id)).collect();
    assert!(missing.is_empty(), "used in the source but not in the .ftl files: {missing:?}");
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        assert!(tr.problems().is_empty(), "{:?}", tr.problems());
        for id in &en {
            let text = tr.t(id);
            assert!(!text.is_empty() && text != *id, "{}: {id}", lang.code());
        }
    }
    // Plurals and arguments work.
    let tr = Tr::new(Lang::En);
    assert_eq!(tr.t_args("library-broken", &[("count", 1.into())]), "One scenario file has errors");
    assert_eq!(tr.t_args("library-broken", &[("count", 3.into())]), "3 scenario files have errors");
    assert_eq!(Tr::new(Lang::ZhCn).t_args("drill-countdown", &[("seconds", 9.into())]), "剩余 9 秒");
}
