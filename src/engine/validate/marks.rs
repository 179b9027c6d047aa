//! What the trainee marks outside decisions, as the scenario prepares it: where red flags show
//! (`spots`) and when revealing a masked field is justified (`reveal`).

use std::collections::BTreeMap;

use super::{Checker, check_competency, check_condition, check_text};
use crate::engine::diag::Diagnostic;
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::*;

/// A beat's `spots`: each names a red flag of the beat, and a CRM field one of the beat's records
/// has.
pub(super) fn check_spots(
    c: &mut Checker<'_>,
    p: &ValuePath<'_>,
    red_flags: &[RedFlagId],
    spots: &BTreeMap<RedFlagId, Vec<Spot>>,
    artefacts: &[Artefact],
) {
    let sp = p.field("spots");
    for (flag, places) in spots {
        let fp = sp.key(flag.as_str());
        if !red_flags.contains(flag) {
            c.at_key(
                fp,
                Diagnostic::error(msg!("diag-spots-flag-absent", flag = flag))
                    .hint(msg!("diag-spots-flag-absent-hint")),
            );
        }
        for (i, place) in places.iter().enumerate() {
            let Spot::Field(label) = place else { continue };
            let shown =
                artefacts.iter().any(|a| matches!(a, Artefact::Crm(r) if r.fields.iter().any(|f| f.label == *label)));
            if !shown {
                c.at(
                    fp.index(i),
                    Diagnostic::error(msg!("diag-spot-no-field", label = label)).hint(msg!("diag-spot-no-field-hint")),
                );
            }
        }
    }
}

/// A CRM field's reveal rule: on a masked field, with a condition that can be checked, a cost in
/// a known competency, and feedback.
pub(super) fn check_reveal(c: &mut Checker<'_>, fp: &ValuePath<'_>, field: &CrmField) {
    let Some(rule) = &field.reveal else { return };
    let rp = fp.field("reveal");
    if !field.sensitive {
        c.at_key(
            rp,
            Diagnostic::warning(msg!("diag-reveal-unmasked", field = field.label))
                .hint(msg!("diag-reveal-unmasked-hint")),
        );
    }
    check_condition(c, rp.field("when"), &rule.when);
    check_competency(c, rp.field("competency"), false, &rule.competency);
    if rule.cost < 0 {
        c.at(rp.field("cost"), Diagnostic::error(msg!("diag-reveal-negative-cost")));
    }
    check_text(c, rp.field("feedback"), &rule.feedback);
    if rule.feedback.trim().is_empty() {
        c.at(
            rp.field("feedback"),
            Diagnostic::warning(msg!("diag-reveal-no-feedback")).hint(msg!("diag-reveal-no-feedback-hint")),
        );
    }
}
