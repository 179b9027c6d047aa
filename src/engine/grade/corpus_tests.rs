//! The answer corpus: honest answers covered, adversarial ones not, in both languages.

use super::*;

/// Reads a RON string literal starting at `s[0] == '"'`; returns it and the rest after it.
fn ron_string(s: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, &s[i + 1..]),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(e) => out.push(e),
                None => break,
            },
            _ => out.push(c),
        }
    }
    panic!("unterminated string: {s:.40}")
}

/// The string value after the first `key: "` in `s`, and the rest after it.
fn field<'a>(s: &'a str, key: &str) -> (String, &'a str) {
    let at = s.find(&format!("{key}: \"")).unwrap_or_else(|| panic!("no {key} in {s:.60}"));
    ron_string(&s[at + key.len() + 2..])
}

struct Item {
    phrases: Vec<String>,
    competency: String,
}

/// The prompt and items of each `// lang node` block of answers-checklists.md.
fn checklists() -> Vec<(String, String, String, Vec<Item>)> {
    let md = include_str!("../../../tests/fixtures/answers-checklists.md");
    let mut out = Vec::new();
    for block in md.split("```ron\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let head = block.lines().next().unwrap().trim_start_matches("// ");
        let (lang, node) = head.split_once(' ').unwrap();
        let (prompt, _) = field(block, "prompt");
        let mut items = Vec::new();
        for line in block.lines().filter(|l| l.trim_start().starts_with("(id: ")) {
            let mut rest = &line[line.find("any: [").unwrap() + 6..];
            let mut phrases = Vec::new();
            while rest.trim_start().starts_with('"') {
                let (p, r) = ron_string(rest.trim_start());
                phrases.push(p);
                rest = r.trim_start().trim_start_matches(',');
            }
            let (competency, _) = field(line, "competency");
            items.push(Item { phrases, competency });
        }
        out.push((lang.to_owned(), node.to_owned(), prompt, items));
    }
    out
}

/// The entries of answers.ron: (lang, node, honest, text).
fn answers() -> Vec<(String, String, bool, String)> {
    let ron = include_str!("../../../tests/fixtures/answers.ron");
    let mut out = Vec::new();
    let mut rest = ron;
    while let Some(at) = rest.find("(lang: ") {
        let entry = &rest[at..];
        let (lang, r) = field(entry, "lang");
        let (node, r) = field(r, "node");
        let honest = r.trim_start_matches([',', ' ']).starts_with("honest: true");
        let (text, r) = field(r, "text");
        out.push((lang, node, honest, text));
        rest = r;
    }
    out
}

#[test]
fn the_answer_corpus_passes() {
    let checklists = checklists();
    assert_eq!(checklists.len(), 4);
    let answers = answers();
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for (lang, node, honest, text) in &answers {
        *counts.entry((lang.clone(), node.clone(), *honest)).or_insert(0) += 1;
        let (_, _, prompt, items) = checklists
            .iter()
            .find(|(l, n, _, _)| l == lang && n == node)
            .unwrap_or_else(|| panic!("no checklist for {lang} {node}"));
        let phrases: Vec<&[String]> = items.iter().map(|i| i.phrases.as_slice()).collect();
        let coverage = grade(text, &phrases, prompt);
        let mut per: std::collections::BTreeMap<&str, (u32, u32)> = std::collections::BTreeMap::new();
        for (item, c) in items.iter().zip(&coverage) {
            let e = per.entry(item.competency.as_str()).or_default();
            e.1 += 1;
            if c.covered {
                e.0 += 1;
            }
        }
        let bad: Vec<String> = per
            .iter()
            .filter(|(_, (got, of))| if *honest { got * 100 < of * 60 } else { got * 100 >= of * 85 })
            .map(|(comp, (got, of))| format!("{comp} {got}/{of}"))
            .collect();
        if !bad.is_empty() {
            let detail: Vec<String> = coverage.iter().map(|c| format!("{:?} {:?}", c.by, c.refused)).collect();
            failures.push(format!(
                "{lang} {node} {}: {}\n  {text:?}\n  {}",
                if *honest { "honest" } else { "adversarial" },
                bad.join(", "),
                detail.join("\n  ")
            ));
        }
    }
    for ((lang, node, honest), n) in &counts {
        assert!(*n >= 12, "only {n} {} answers for {lang} {node}", if *honest { "honest" } else { "adversarial" });
    }
    assert_eq!(counts.len(), 8, "{counts:?}");
    assert!(failures.is_empty(), "{} of {} answers fail:\n{}", failures.len(), answers.len(), failures.join("\n"));
}
