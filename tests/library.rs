//! The bundled scenario library: both languages of every drill have one structure, every drill
//! meets the library's bar, and exploring each drill with the runner reaches every ending and
//! every node without getting stuck.

use std::collections::{BTreeMap, BTreeSet};

use hotwash::engine::model::*;

use crate::{bundled, scenario};

/// Drill ids with the files of each language.
fn drills() -> BTreeMap<String, Vec<String>> {
    let mut drills: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in bundled() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let id = name.trim_end_matches(".ron").rsplit_once('.').map_or(name.clone(), |(id, _)| id.to_owned());
        drills.entry(id).or_default().push(name);
    }
    drills
}

/// The scenario with every human text blanked: what must be equal between languages.
fn structure(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    let blank = |t: &mut String| t.clear();
    for t in [&mut s.title, &mut s.language, &mut s.briefing.role, &mut s.briefing.situation] {
        blank(t);
    }
    s.briefing.allowed.iter_mut().for_each(blank);
    s.objectives.iter_mut().for_each(blank);
    for r in s.references.values_mut() {
        blank(&mut r.title);
        blank(&mut r.text);
    }
    for c in s.competencies.values_mut() {
        blank(&mut c.name);
        blank(&mut c.description);
    }
    for m in s.cast.values_mut() {
        blank(&mut m.name);
        m.caller_id = m.caller_id.as_ref().map(|_| String::new());
        m.note = m.note.as_ref().map(|_| String::new());
    }
    for v in s.variables.values_mut() {
        if let Value::Text(t) = v {
            t.clear();
        }
    }
    for r in s.random.values_mut() {
        match r {
            RandomData::OneOf(options) => options.clear(),
            RandomData::Pattern(p) => p.clear(),
            RandomData::Range(..) => {}
        }
    }
    for f in s.red_flags.values_mut() {
        blank(&mut f.name);
        blank(&mut f.description);
    }
    let blank_artefact = |a: &mut Artefact| match a {
        Artefact::Crm(r) => {
            blank(&mut r.title);
            for f in &mut r.fields {
                blank(&mut f.label);
                blank(&mut f.value);
                if let Some(rule) = &mut f.reveal {
                    blank(&mut rule.feedback);
                }
            }
        }
        Artefact::Email(m) | Artefact::Sms(m) => {
            blank(&mut m.from);
            blank(&mut m.body);
            m.subject = m.subject.as_ref().map(|_| String::new());
            m.link = m.link.as_ref().map(|_| Link { text: String::new(), href: String::new() });
        }
        Artefact::Queue(q) => blank(&mut q.label),
        Artefact::Note(n) => {
            blank(&mut n.title);
            blank(&mut n.body);
        }
    };
    let blank_value = |v: &mut Value| {
        if let Value::Text(t) = v {
            t.clear();
        }
    };
    // Where a red flag shows names a CRM field by its label, which is in the drill's language.
    let blank_spots = |spots: &mut BTreeMap<RedFlagId, Vec<Spot>>| {
        for places in spots.values_mut() {
            for place in places {
                if let Spot::Field(label) = place {
                    label.clear();
                }
            }
        }
    };
    let blank_choice = |c: &mut Choice| {
        blank(&mut c.text);
        blank(&mut c.feedback);
        if let Some(Harm::Other(what)) = &mut c.harm {
            what.clear();
        }
        for e in &mut c.effects {
            if let Effect::Set(_, v) = e {
                blank_value(v);
            }
        }
    };
    for n in s.nodes.values_mut() {
        n.label = n.label.as_ref().map(|_| String::new());
        blank(&mut n.text);
        blank_spots(&mut n.spots);
        n.artefacts.iter_mut().for_each(blank_artefact);
        n.choices.iter_mut().for_each(blank_choice);
        if let Some(t) = &mut n.timeout {
            blank_choice(&mut t.then);
        }
        for i in &mut n.injects {
            blank(&mut i.text);
            blank_spots(&mut i.spots);
            i.artefacts.iter_mut().for_each(blank_artefact);
            for e in &mut i.effects {
                if let Effect::Set(_, v) = e {
                    blank_value(v);
                }
            }
        }
        if let Some(input) = &mut n.input {
            blank(&mut input.prompt);
            input.model_answer = input.model_answer.as_ref().map(|_| String::new());
            for item in &mut input.checklist {
                blank(&mut item.text);
                item.any.clear();
            }
        }
    }
    for e in s.endings.values_mut() {
        blank(&mut e.title);
        blank(&mut e.summary);
    }
    s
}

#[test]
fn every_drill_comes_in_both_languages_with_one_structure() {
    let drills = drills();
    assert!(drills.len() >= 12, "the library has at least 12 drills, found {}", drills.len());
    for (id, files) in &drills {
        assert_eq!(files, &[format!("{id}.en.ron"), format!("{id}.zh-CN.ron")], "{id}: one file per language");
        let en = scenario(&files[0]);
        let zh = scenario(&files[1]);
        assert_eq!((en.language.as_str(), zh.language.as_str()), ("en", "zh-CN"), "{id}");
        assert_eq!(en.id, *id, "{}: the scenario id matches the file name", files[0]);
        let (a, b) = (
            ron::ser::to_string_pretty(&structure(&en), Default::default()).unwrap(),
            ron::ser::to_string_pretty(&structure(&zh), Default::default()).unwrap(),
        );
        if a != b {
            let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
            let context = |s: &str| s.lines().skip(line.saturating_sub(6)).take(8).collect::<Vec<_>>().join("\n");
            panic!(
                "{id}: the en and zh-CN versions drifted apart near:\n--- en\n{}\n--- zh-CN\n{}",
                context(&a),
                context(&b)
            );
        }
    }
}

#[test]
fn every_drill_meets_the_library_bar() {
    let mut with_injects = 0;
    for (id, files) in drills() {
        let s = scenario(&files[0]);
        let decisions = s.nodes.values().filter(|n| !n.choices.is_empty() || n.input.is_some()).count();
        assert!(decisions >= 4, "{id}: {decisions} decision points, at least 4 wanted");
        let outcomes: BTreeSet<Outcome> = s.endings.values().map(|e| e.outcome).collect();
        assert!(
            s.endings.len() >= 3 && outcomes.len() == 3,
            "{id}: at least 3 endings covering resolved, partial and harmed"
        );
        // Introductory drills are for day one and placement: they may be untimed.
        let introductory = s.difficulty == hotwash::engine::model::Difficulty::Introductory;
        assert!(introductory || s.nodes.values().any(|n| n.timeout.is_some()), "{id}: at least one timed decision");
        with_injects += usize::from(s.nodes.values().any(|n| !n.injects.is_empty()));
        assert!(
            !s.red_flags.is_empty() && !s.references.is_empty() && !s.random.is_empty(),
            "{id}: red flags, references, random details"
        );
        for (node, choice) in s.all_choices() {
            assert!(!choice.feedback.trim().is_empty(), "{id}: choice `{}` at `{node}` has feedback", choice.id);
        }
    }
    assert!(with_injects >= 4, "at least four drills use injects");
    for id in ["refund-scam-victim", "cancellation-scam-leak", "console-leak-insider", "manager-first-hour"] {
        let s = scenario(&format!("{id}.en.ron"));
        let report = s.nodes.values().filter_map(|n| n.input.as_ref()).find(|i| i.kind == InputKind::IncidentReport);
        let report = report.unwrap_or_else(|| panic!("{id} asks for an incident report"));
        let sections: BTreeSet<ReportSection> = report.checklist.iter().filter_map(|c| c.section).collect();
        assert_eq!(sections.len(), 3, "{id}: the report's checklist covers all three sections");
    }
}

#[test]
fn exploring_every_drill_reaches_every_ending_and_node_and_never_gets_stuck() {
    for file in bundled() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let s = scenario(&name);
        let found = hotwash::engine::explore::explore(&s, 200_000);
        assert!(found.exhaustive, "{name}: explored every branch ({} states)", found.states);
        assert!(found.stuck.is_empty(), "{name}: {:?}", found.stuck);
        assert_eq!(found.unreached_endings, Vec::<NodeId>::new(), "{name}: every ending is reachable in play");
        assert_eq!(found.unreached_nodes, Vec::<NodeId>::new(), "{name}: every node is reachable in play");
    }
}

#[test]
fn the_expert_path_catches_every_red_flag_it_is_shown() {
    for file in bundled() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let s = scenario(&name);
        for seed in 0..4 {
            let d = crate::play(
                &s,
                seed,
                |_, run| Some(crate::expert(run)),
                |_| 3_000,
                |k| crate::full_answer(k, &s.language),
            )
            .unwrap();
            let missed: Vec<&RedFlagId> = d.shown_flags.keys().filter(|f| !d.caught.contains(*f)).collect();
            assert!(missed.is_empty(), "{name} seed {seed}: the expert answers miss {missed:?}");
            assert_ne!(d.outcome, Outcome::Harmed, "{name} seed {seed}: the expert path never ends in harm");
        }
    }
}

/// Content-blind play on every bundled drill: no strategy that reads nothing (a fixed place,
/// the longest or shortest option, random play, a one-character report) does better than luck
/// in any of them. A drill added to the library or edited so that it can be gamed fails here.
#[test]
fn content_blind_play_wins_in_no_bundled_drill() {
    let mut gamed = Vec::new();
    for file in bundled() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let s = scenario(&name);
        let results = hotwash::engine::blind::play_blind(&s, hotwash::engine::blind::DEFAULT_SEEDS);
        for r in &results {
            assert_eq!(r.stuck, 0, "{name}: {} got stuck", r.strategy.name());
        }
        let tr = hotwash::engine::i18n::Lang::En.tr();
        let findings: Vec<String> = results.iter().filter_map(|r| r.finding()).map(|f| f.words(tr)).collect();
        if !findings.is_empty() {
            gamed.push(format!("{name}: {}", findings.join("; ")));
        }
    }
    assert!(gamed.is_empty(), "drills gamed by content-blind play:\n{}", gamed.join("\n"));
}

#[test]
fn no_bundled_drill_gives_an_option_away_by_its_length() {
    let mut cues = Vec::new();
    for file in bundled() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (_, checked) = hotwash::engine::load::load_file(&file);
        for d in checked.diagnostics.iter().filter(|d| d.lint.is_some()) {
            cues.push(format!("{name}: {}", d.message));
        }
    }
    assert!(cues.is_empty(), "{}", cues.join("\n"));
}
