//! The training path: curriculum checks, standing, next drills, assessment results.

use super::*;

fn texts(en: &str, zh: &str) -> Texts {
    Texts(BTreeMap::from([("en".to_owned(), en.to_owned()), ("zh-CN".to_owned(), zh.to_owned())]))
}

fn curriculum() -> Curriculum {
    Curriculum {
        format: 1,
        tracks: vec![Track {
            id: "front-line".into(),
            name: texts("Front line", "一线"),
            levels: vec![
                TrackLevel { name: texts("Basics", "基础"), drills: vec!["a".into(), "b".into()] },
                TrackLevel { name: texts("Calls", "来电"), drills: vec!["c".into(), "d".into()] },
            ],
        }],
        placement: vec!["a".into()],
        pass_marks: BTreeMap::from([(CompetencyId::from("fraud"), Level::P)]),
        assessments: Vec::new(),
    }
}

fn play(id: &str, at: u64, outcome: Outcome, levels: &[(&str, Level)]) -> PastPlay {
    PastPlay {
        scenario: id.into(),
        language: "en".into(),
        trainee: "Li Na".into(),
        ended_at: at,
        levels: levels.iter().map(|(c, l)| (CompetencyId::from(*c), *l)).collect(),
        outcome: Some(outcome),
    }
}

fn trains(id: &str) -> BTreeSet<CompetencyId> {
    match id {
        "c" => BTreeSet::from(["data".into()]),
        "d" => BTreeSet::from(["fraud".into()]),
        _ => BTreeSet::new(),
    }
}

#[test]
fn names_are_one_trainee_whatever_their_case_in_any_script() {
    assert!(same_trainee(" Zhou Min", "zhou min "));
    assert!(same_trainee("ÄNNE", "änne"));
    assert_eq!(distinct_trainees(["Ann", "ann ", "Bo", "ÄNNE", "änne"]), ["Ann", "Bo", "ÄNNE"]);
    let set = Assessment { id: "a".into(), name: Texts::default(), drills: Vec::new(), seeds: vec![1, 2, 3, 4] };
    assert_eq!(set.seed_for("ÄNNE"), set.seed_for(" änne"));
}

#[test]
fn a_new_trainee_starts_with_the_placement_set() {
    let c = curriculum();
    let s = standing(&c, &c.tracks[0], &[], "Li Na", trains);
    assert_eq!(s.next, Some(("a".into(), Reason::Placement)));
    assert_eq!((s.current, s.progress()), (0, (0, 2)));
}

#[test]
fn a_failed_drill_comes_back_first_with_its_shortfall() {
    let c = curriculum();
    let plays = [
        play("a", 1, Outcome::Resolved, &[("fraud", Level::P)]),
        play("b", 2, Outcome::Resolved, &[("fraud", Level::S)]),
    ];
    let s = standing(&c, &c.tracks[0], &plays, "li na", trains);
    let short = vec![(CompetencyId::from("fraud"), Level::S, Level::P)];
    assert_eq!(s.next, Some(("b".into(), Reason::FailedLast(short))));
    assert_eq!(s.progress(), (1, 2));
}

#[test]
fn the_next_level_starts_with_the_drill_for_the_weakest_competency() {
    let c = curriculum();
    let plays = [
        play("a", 1, Outcome::Resolved, &[("fraud", Level::P), ("data", Level::S)]),
        play("b", 2, Outcome::Resolved, &[("fraud", Level::P), ("data", Level::S), ("calm", Level::P)]),
    ];
    let s = standing(&c, &c.tracks[0], &plays, "Li Na", trains);
    assert_eq!(s.current, 1);
    assert_eq!(s.next, Some(("c".into(), Reason::Weakest("data".into()))));
    // An ending that was not Resolved fails however the competencies were rated.
    let mut worse = plays.to_vec();
    worse.push(play("c", 3, Outcome::PartiallyResolved, &[("data", Level::P)]));
    let s = standing(&c, &c.tracks[0], &worse, "Li Na", trains);
    assert_eq!(s.next, Some(("c".into(), Reason::FailedLast(Vec::new()))));
}

#[test]
fn a_completed_track_recommends_nothing_and_the_check_names_unknown_drills() {
    let c = curriculum();
    let plays: Vec<PastPlay> =
        ["a", "b", "c", "d"].iter().enumerate().map(|(i, d)| play(d, i as u64, Outcome::Resolved, &[])).collect();
    let s = standing(&c, &c.tracks[0], &plays, "Li Na", trains);
    assert_eq!((s.current, s.next), (2, None));
    let known: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| (*s).to_owned()).collect();
    let problems: Vec<String> = c.check(&known).into_iter().map(|d| d.message).collect();
    assert_eq!(problems, ["level 2 of track `front-line` names drill `d`, which is not in the library"]);
}

#[test]
fn a_live_session_offers_each_level_then_each_assessment_set_named_in_the_language_asked_for() {
    let mut c = curriculum();
    c.assessments.push(Assessment {
        id: "calls-check".into(),
        name: texts("Calls check", "来电考核"),
        drills: vec!["d".into(), "c".into()],
        seeds: vec![1],
    });
    let sets = c.sets("zh-CN");
    let seen: Vec<(&str, &str, Vec<&str>)> =
        sets.iter().map(|s| (s.id.as_str(), s.name.as_str(), s.drills.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        seen,
        [
            ("front-line-1", "一线 · 基础", vec!["a", "b"]),
            ("front-line-2", "一线 · 来电", vec!["c", "d"]),
            ("calls-check", "来电考核", vec!["d", "c"]),
        ]
    );
    assert_eq!(c.sets("en")[1].name, "Front line · Calls");
}
