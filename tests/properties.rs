//! Properties of every bundled scenario: random play always ends or stops with a clear error, and
//! every finished drill replays exactly.

use hotwash::engine::model::InputKind;
use hotwash::engine::runner::{Answer, Pick, compare, replay};
use proptest::prelude::*;

use crate::{bundled, play};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_play_ends_and_replays_exactly(
        seed in any::<u64>(),
        picks in proptest::collection::vec(0usize..6, 64),
        thinks in proptest::collection::vec(0u64..40_000, 64),
        words in "[a-z 冒充报告客户]{0,40}",
    ) {
        for file in bundled() {
            let s = hotwash::engine::load::load_file(&file).1.scenario.expect("bundled scenarios load");
            let result = play(
                &s,
                seed,
                |step, run| {
                    let n = run.options().len().max(1);
                    let p = picks[step % picks.len()];
                    // 5 means: let the clock run out where there is one.
                    if p == 5 && run.deadline().is_some() { None } else { Some(Pick::Index(p % n)) }
                },
                |step| thinks[step % thinks.len()],
                |kind| match kind {
                    InputKind::IncidentReport => Answer::Report { description: words.clone(), scope: words.clone(), measures: String::new() },
                    InputKind::FreeText => Answer::Text(words.clone()),
                },
            );
            match result {
                Ok(d) => {
                    let again = replay(&s, &d).expect("a finished drill replays");
                    prop_assert_eq!(compare(&d, &again), Vec::<String>::new(), "{}", file.display());
                    prop_assert_eq!(&again, &d);
                }
                // A bundled drill must always reach an ending; a runner error here is a bug in the
                // scenario (no option available, an endless loop) and fails with its message.
                Err(e) => prop_assert!(false, "{}: {e}", file.display()),
            }
        }
    }
}
