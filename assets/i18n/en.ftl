# Hotwash — English interface messages. Every id here must also exist in zh-CN.ftl
# (a test compares them). Arguments are in { $braces }.

nav-library = Library
nav-settings = Settings
nav-trainee = Trainee: { $trainee }

category-fraud-call = Fraud and impersonation calls
category-phishing = Phishing and look-alike links
category-social-engineering = Social engineering
category-data-leak = Data leaks
category-mass-complaint = Mass complaints
category-urgent-help = Urgent calls for help
category-crisis-management = Crisis management

difficulty-introductory = Introductory
difficulty-intermediate = Intermediate
difficulty-advanced = Advanced

outcome-resolved = Resolved
outcome-partially-resolved = Partially resolved
outcome-harmed = Harm done

library-search = Search
library-search-hint = title, id or situation
library-all = All categories
library-all-languages = All languages
library-rescan = Look for new files
library-open = Open
library-never-played = Not played yet
library-last-result = Last result: { $outcome } · { $levels } · { $date }
library-card-facts = { $difficulty } · { $language } · about { $minutes } min
library-broken = { $count ->
    [one] One scenario file has errors
   *[other] { $count } scenario files have errors
}
library-broken-details = Every problem
library-loading = Reading { $count } scenario file(s)…
library-empty = No scenarios in { $folder }.
library-unreadable = { $count ->
    [one] One debrief file could not be read
   *[other] { $count } debrief files could not be read
}: { $first }
library-resume-title = A drill was interrupted
library-resume-what = “{ $title }”, { $trainee }, after { $decisions } decision(s). The time since it stopped does not count.
library-resume = Resume
library-discard = Discard

briefing-facts = { $category } · { $difficulty } · { $language } · about { $minutes } min
briefing-role = Your role
briefing-situation = The situation
briefing-objectives = What this drill trains
briefing-allowed = What you may do
briefing-timed = Some decisions are timed: you first get time to read what is in front of you (blue bar), then the clock runs (orange bar); when it runs out, the drill moves on without you.
briefing-start = Start the drill
briefing-back = Back to the library
briefing-keys = Keys: 1–9 choose, P pauses.
briefing-gone = This scenario is no longer in the library (its file was removed or now has errors).

drill-trainee = Trainee: { $trainee }
drill-pause = Pause (P)
drill-resume = Resume (P)
drill-paused = Paused by the facilitator
drill-paused-hint = The clock is stopped. Press P or Resume to go on.
drill-desk = Agent desk
drill-desk-empty = Nothing on screen yet.
drill-caller-id = Caller ID: { $id }
drill-notification = New · { $channel } · { $who }
drill-new = new
drill-you = You:
drill-timed-out = Time ran out:
drill-answered = You handed in your report.
drill-revealed = You revealed the masked field “{ $field }”.
drill-crm = CRM · { $title }
drill-reveal = Reveal
drill-reveal-hint = Shows the full value. Revealing is recorded in the debrief.
drill-email = E-mail
drill-sms = SMS
drill-from = From: { $from }
drill-subject = Subject: { $subject }
drill-link-hover = Link address: { $href } — real domain: { $domain }
drill-queue-rate = +{ $rate } per minute
drill-countdown = { $seconds } s left
drill-reading = Reading time: { $seconds } s, then { $limit } s to decide
drill-choose = Your answer (press 1–9 or click):

channel-call = Call
channel-chat = Chat
channel-email = E-mail
channel-sms = SMS
channel-system = System notice

role-caller = caller
role-colleague = colleague
role-supervisor = supervisor
role-system = system
role-other = other

report-description = Event description: what happened, when, how it was found
report-scope = Scope of impact: who and what data are affected
report-measures = Measures taken: what has been done and who was told
report-submit = Hand in

review-title = After-action review: { $title }
review-facts = { $trainee } · { $duration } · seed { $seed } · { $started }
review-ratings = Capability ratings
review-competency = Competency
review-rating = Rating
review-points = Points
review-why = Why
review-scale = P = performed without challenges · S = performed with some challenges · M = performed with major challenges · U = unable to perform
review-q1 = 1. What was supposed to happen
review-expert-path = The expert path
review-q2 = 2. What happened
review-time = Time
review-what = What
review-response = Response time
review-q3 = 3. Why
review-answered-in = answered in { $seconds }
review-you-chose = You: { $choice }
review-timed-out = (time ran out)
review-expert-would = The expert path: { $choice }
review-flags-caught = Red flags caught through your choices: { $count }
review-flags-missed = Red flags missed: { $count }
review-report = Your incident report against its checklist
review-empty = (empty)
review-q4 = 4. What to sustain and what to improve
review-sustain = Sustain
review-improve = Improve
review-plan = Improvement plan
review-follow-ups = Suggested follow-up drills
review-follow-up-reason = trains { $trains }; { $history }
review-follow-up-new = not played yet
review-follow-up-weak = last time { $competency } was rated { $level }
review-follow-up-played = played before
review-notes = Evaluator notes
review-open-html = Open the printable review
review-open-md = Open the Markdown
review-not-saved = The drill could not be saved: { $why }. It is kept as the drill in progress.
review-replay = Play again, same seed ({ $seed })
review-retry = Play again, new seed
review-back = Back to the library
review-feedback-ask = How useful was this drill?
review-feedback-given = You rated this drill { $stars } of 5 — thank you. Rate it again:
review-feedback-stars = { $stars } of 5
review-feedback-hint = what worked, what felt wrong (optional)
review-feedback-send = Send rating
review-saved = Saved: { $file }

settings-title = Settings
settings-trainee = Trainee name or ID
settings-trainee-hint = e.g. Li Na or A1027
settings-language = Language
settings-text-size = Text size
settings-data-folder = Data folder
settings-data-hint = Debriefs and the drill in progress are kept here. Empty: the platform's data folder.
settings-data-overridden = --data-dir is in force for this run: { $folder }
settings-save = Save
settings-cancel = Cancel
settings-file = Settings are kept in { $file }
settings-lrs-title = Learning Record Store
settings-lrs-hint = Finished drills are sent as xAPI statements, trainees as pseudonyms (docs/xapi.md). Empty address: nothing is sent.
settings-lrs-endpoint = LRS address (xAPI endpoint)
settings-lrs-base = Organisation's base IRI
settings-lrs-auth = Credentials file
settings-lrs-auth-hint = a file whose first line is user:password
settings-lrs-key = Pseudonym key file
settings-lrs-key-hint = the organisation's key; empty: this data folder's own
settings-lrs-queue = Drills for the LRS: { $pending } pending · { $sent } sent · { $failed } failed
settings-lrs-busy = Sending…
settings-lrs-waiting = Waiting to send: { $why }
settings-lrs-failed = { $drill } was refused: { $why }
settings-lrs-send-now = Send now
settings-lrs-retry = Send the refused drills again
settings-lrs-invalid = The LRS settings were not saved: { $why }
app-data-unwritable = The drill was not started: its results could not be saved. { $error }
app-lrs-not-queued = The drill was saved but not queued for the LRS: { $why }

tour-report-description = At 10:05 a caller claiming to be from the bank's security team asked for a verification code; I refused and ended the call.
tour-report-scope = One customer account; no code or card data was disclosed.
tour-report-measures = Account flagged, customer called back on the number on file, case logged for the security team.

nav-team = Team review
team-title = Team review
team-pseudonymize = Pseudonyms instead of names
team-refresh = Read the data folder again
team-export = Export:
team-exported = Exported to { $file }
team-read = { $read } debrief(s) read, { $skipped } could not be read.
team-empty = No debriefs in the data folder yet. Every finished drill adds one.
team-competencies = Ratings per competency
team-needs-support = Needs support (M or U)
team-decisions = Decision points the team got wrong most
team-decision = Decision point
team-wrong = Wrong
team-median = Median response
team-slowest = Slowest
team-answers = Answers given (★ the expert path)
team-flags = Red flags missed most
team-flag-row = { $flag } ({ $scenario }): missed { $missed } of { $shown } times
team-trainees = Each trainee's drills
team-flags-caught = red flags { $caught }/{ $shown }
team-assessments = Assessments
team-assessment = Assessment
team-assessment-trainee = Trainee
team-assessment-result = Result
team-progress = Each trainee's first and latest rating per competency
team-progress-row = **{ $trainee }**: { $list }
team-feedback = Trainees' feedback on the drills
team-feedback-drill = Drill
team-feedback-ratings = Ratings
team-feedback-average = Average
team-prompts = Questions for the hot wash

review-add-note = Add an evaluator's note
review-note-author = Your name
review-note-text = What you saw at this decision
review-note-pin = Pin the note
team-folder = Folder of debriefs
team-read-folder = Read
team-open-review = Review
drill-note = Facilitator's note on decision { $decision }:
drill-abandon = Stop the drill
drill-abandon-hint = Ends the drill without a review; what was played so far is kept in the data folder.
library-no-match = No scenario matches the search and filters.

## Competencies: the six standard ones (a scenario's own competencies are named in the scenario).

competency-identity-verification = Identity verification
competency-data-protection = Data protection
competency-fraud-recognition = Fraud recognition
competency-escalation-reporting = Escalation and reporting
competency-crisis-communication = Crisis communication
competency-procedure-compliance = Procedure compliance

## The review of one drill, as saved (Markdown and HTML) and printed by the command line.
## Headings shared with the review screen are the review-* messages above.

review-sep = :
review-trainee = Trainee
review-started = Started
review-seed = Seed
review-duration = Drill time
review-outcome = Outcome
review-points-unit = points
review-objectives = Learning objectives
review-event = Event
review-chosen = You chose
review-time-ran-out = Time ran out
review-expert-answer = Expert answer
review-best = the expert answer
review-cited = Law and policy
review-caught = Red flags caught through your choices
review-missed = Red flags missed
review-none = None.
review-seen-at = seen at
review-reports = Written answers
review-section-description = Event description
review-section-scope = Scope of impact
review-section-measures = Measures taken
review-answer = Answer
review-covered = covered
review-not-covered = not covered
review-artefact-crm = CRM record
review-artefact-email = E-mail
review-artefact-sms = Text message
review-artefact-queue = Queue
review-artefact-note = Note
review-said = { $who }: { $text }
review-shown = On screen: { $what }
review-interruption = Interruption — { $who }: { $text }
review-asked = Asked for a written answer: { $prompt }
review-chose = You chose: { $choice }
review-timeout-row = Time ran out: { $choice }
review-answered-row = You submitted the written answer
review-revealed-row = You revealed the masked field “{ $field }”
review-ended = Ending: { $title }
review-lost-points = At “{ $label }” you chose “{ $choice }” ({ $got } of { $best } points)
review-lost-check = At “{ $label }” your written answer left out checklist items ({ $got } of { $best } points)
review-full-points = Full points at every decision that tested it
review-sustain-choice = At “{ $label }” you chose the expert answer: { $choice }
review-sustain-flag = You caught the red flag “{ $flag }”
review-sustain-check = Your written answer covered: { $item }
review-improve-choice = At “{ $label }”: { $feedback } — better: { $expert }
review-improve-flag = You missed the red flag “{ $flag }”: { $why }
review-improve-check = Your written answer did not cover: { $item }
review-plan-competency = { $competency } ({ $level }): study the feedback above, then practise: { $drills }
review-plan-flags = Learn to spot: { $flags }
review-plan-speed = Decide faster under pressure: you let the clock run out { $count } time(s)
review-plan-retry = Play this drill again with a new seed and aim for a resolved outcome
review-plan-keep = Keep your standard: play a harder drill next

## The team review, as exported (Markdown, HTML, CSV) by the app and the command line.

team-md-count = { $debriefs } debrief(s), { $trainees } trainee(s).
team-md-support = Who needs support (M, U)
team-md-decisions = Decision points, where most went wrong first
team-md-wrong = { $wrong } of { $met } did not give the expert answer · median { $median } · slowest { $slowest }
team-md-wrong-written = { $wrong } of { $met } left out checklist items · median { $median } · slowest { $slowest }
team-md-answer = Answer
team-md-chose = Chose
team-md-share = Share
team-md-harm = Ended in harm
team-md-flags = Red flags, most missed first
team-md-flag = Red flag
team-md-drill = Drill
team-md-missed = Missed
team-md-shown = Shown
team-md-trainees = Trainees
team-md-red-flags = Red flags
team-md-time = Time
team-md-trend = Trend: { $trend } ({ $first } → { $last }).
team-trend-improving = improving
team-trend-declining = declining
team-trend-steady = steady
team-prompt-decision = At “{ $label }” ({ $scenario }), { $wrong } of { $met } did not give the expert answer.
team-prompt-decision-other = At “{ $label }” ({ $scenario }), { $wrong } of { $met } did not give the expert answer. The most common other answer was “{ $answer }” ({ $count } of { $met }). What made it tempting?
team-prompt-written = At “{ $label }” ({ $scenario }), { $wrong } of { $met } written answers left out checklist items. Which items are hardest to remember under pressure?
team-prompt-flag = The red flag “{ $flag }” ({ $scenario }) was missed in { $missed } of { $shown } drills. What would make it stand out on a real call?
team-prompt-slow = “{ $label }” ({ $scenario }) took the longest to answer (median { $median }). What slowed us down there?
team-csv-trainee = trainee
team-csv-scenario = scenario
team-csv-language = language
team-csv-started = started
team-csv-outcome = outcome
team-csv-seconds = drill_seconds
team-csv-share = points_share
team-csv-caught = flags_caught
team-csv-shown = flags_shown
team-csv-source = source
team-csv-withheld = (withheld)

## The command line's transcript of a drill (hotwash run), in the drill's language.

cli-heading = { $title } — seed { $seed }, trainee { $trainee }
cli-answer-within = (answer within { $seconds } s)
cli-read-then-answer = (read for { $read } s, then answer within { $seconds } s)
cli-shape-report = incident report: event description, scope of impact, measures taken
cli-input = { $prompt } ({ $shape })
cli-shape-text = written answer
cli-time-ran-out = Time ran out.
cli-crm = CRM: { $title }
cli-masked = (masked)
cli-from = { $kind } from { $from }
cli-link = Link: { $text }  (really opens: { $domain })
cli-queue = { $label }: { $count } waiting (+{ $rate }/min)
cli-choose = choose (number or id)
cli-too-late = Too late: time had run out.
cli-no-such-option = No such option. choose
cli-wrote = wrote { $file }

## The command line's reports (check, explore, new, replay, note, review, export) and its errors.
## English ones are asserted byte for byte by the tests: keep "(s)" and the spacing.
cli-check-no-files = no scenario files (*.ron) under { $folders }
cli-check-summary = checked { $files } file(s): { $clean } clean, { $errors } error(s), { $warnings } warning(s)
cli-has-errors = { $file } has errors; fix them and run `hotwash check`
cli-explore-every-branch = every branch, { $states } distinct states
cli-explore-sampled = too many states (over { $max }): sampled { $paths } random paths
cli-explore-heading = { $title } ({ $file }): { $mode }
cli-explore-endings = Endings reached: { $reached } of { $total }
cli-explore-ending = { $id } [{ $outcome }] in { $steps } step(s): { $path }
cli-explore-points = Points per competency (lowest … highest over complete paths):
cli-explore-expert = Expert path: { $path }
cli-explore-traps = Choices after which no resolved ending can be reached: { $choices }
cli-explore-none = none
cli-explore-ending-unreached = ending `{ $id }` is never reached in play
cli-explore-node-unreached = node `{ $id }` is never reached in play
cli-explore-stuck = node `{ $id }`: { $why }
cli-explore-no-problems = No problems found.
cli-explore-problems = Problems:
cli-new-bad-id = `{ $id }` is not a usable id: use lower-case letters, digits, `-` and `_`
cli-new-exists = { $file } already exists; nothing was written
cli-new-next = next: edit it, then run  hotwash check --deny-warnings { $file }
cli-no-app = this build has no desktop app (built without the `gui` feature).
cli-no-app-hint = Build it with `cargo run --release`, or play a drill in the terminal:  hotwash run { $example }
cli-key-created = created the pseudonym key { $file } (keep it private; the same key gives the same pseudonyms)
cli-reading-debriefs = reading debriefs
cli-skipped = skipped: { $what }
cli-no-debriefs = no readable debriefs ({ $found } file(s) found, { $skipped } skipped)
cli-review-wrote = wrote { $file } ({ $debriefs } debrief(s), { $skipped } skipped)
cli-no-saved-run = nothing to resume: no interrupted run of this drill by this trainee is saved as { $file }
cli-saved-run-kept = an interrupted run of this drill was kept aside as { $file } (a new run starts; `--resume` would have continued it)
library-path-title = Your training path
library-path-track = track
library-path-level = Level { $n } of { $levels } · { $name } — { $passed } of { $of } passed
library-path-next = Next: { $title } — { $reason }
library-path-open = Open
library-path-problem = the curriculum cannot be used: { $why }
path-drill = { $mark } { $id } — { $title }: { $state }
path-list-sep = {", "}
assess-heading = Assessment “{ $name }” ({ $id }), { $trainee }: { $verdict }
assess-passed = PASSED
assess-failed = NOT PASSED
assess-incomplete = incomplete, { $done } of { $of } drills done
assess-recorded = Recorded for the assessment “{ $name }”: { $done } of { $of } drills done. The results come when every drill of the set is done.
assess-nobody = nobody has played the assessment `{ $id }` yet
cli-assess-unknown = no assessment `{ $id }`; the assessments are { $ids }
cli-assess-not-in-set = { $drill } is not in the assessment `{ $id }` (its drills: { $drills })
cli-assess-seed = --seed cannot be given with --assessment: the set gives every trainee their seed
path-heading = Training path of { $trainee }: { $track } ({ $id })
path-level = Level { $n } · { $name } — { $passed } of { $of } passed
path-here = ← you are here
path-passed = passed
path-failed = not passed ({ $why })
path-not-played = not played yet
path-short = { $competency } { $got } (needs { $mark })
path-not-resolved = the drill did not end resolved
path-next = Next: { $id } — { $title }: { $reason }
path-complete = Track complete: every drill passed.
path-reason-placement = the placement set shows where you start
path-reason-failed = not passed last time: { $why }
path-reason-weakest = trains { $competency }, your weakest competency so far
path-reason-not-played = the next drill of this level you have not played
path-no-curriculum = no curriculum: { $file } does not exist (docs/curriculum.md says how to write one)
path-no-track = no track `{ $track }`; the tracks are { $tracks }
cli-feedback-kept = your rating ({ $stars } of 5) and comment are kept in { $file }; thank you
cli-resume-seed = --seed cannot be given with --resume: the run goes on with the seed it was saved with
cli-resume-assessment = the saved run was played for the assessment { $saved }, not { $given }: resume it as it was played
cli-export-bad-base = --base { $base }: { $why } (the base names activities and extensions and is the account home page)
cli-export-base-needed = sending to an LRS needs the organisation's own --base (or $HOTWASH_XAPI_BASE), e.g. https://lms.example.org/xapi: the default names a host nobody controls
cli-lrs-clear = warning: { $url } is plain http: the LRS password travels unencrypted; use https
cli-lrs-sending = sending to { $url }
cli-lrs-refused = the LRS refused statement { $id } ({ $verb }, from { $file }): { $status } { $message }
cli-lrs-sent = the LRS at { $url } holds { $stored } of { $statements } statement(s) from { $debriefs } debrief(s); { $refused } refused
cli-export-wrote = wrote { $statements } statement(s) from { $debriefs } debrief(s) to { $file }
cli-noted = noted at decision { $decision } (`{ $node }`) in { $file }
cli-replay-no-scenario = no scenario `{ $id }` ({ $language }) found in ./scenarios or beside the debrief; name it with --scenario
cli-replay-fails = { $debrief }: does not replay against { $scenario }: { $error }
cli-replay-verified = { $debrief }: verified against { $scenario }: { $decisions } decision(s), ending `{ $ending }`, scores match
cli-replay-differs = { $debrief }: does not match its replay against { $scenario }:

## What differs between a debrief and its replay (hotwash replay).
replay-scenario-changed = the scenario changed since the drill: content { $then } then, { $now } now
replay-ending-differs = ending: recorded `{ $recorded }` ({ $recorded_outcome }), replay reaches `{ $replayed }` ({ $replayed_outcome })
replay-score-differs = score `{ $competency }`: recorded { $recorded }, replay gives { $replayed }
replay-decisions-differ = decisions differ from decision { $from } on (recorded { $recorded }, replay { $replayed })
replay-events-differ = events differ from event { $from } on
replay-state-differs = variables, red flags caught or random details differ
replay-format-differs = the debrief names format { $recorded }; this Hotwash writes format { $replayed }

## The desktop app's notices.
app-open-missing = --open { $file }: no playable scenario of that name in the folder
app-no-scenario-folder = the scenario folder { $folder } does not exist; give one with --scenarios
app-kept-interrupted = the interrupted drill was kept as { $file }
app-kept-stopped = the drill was stopped; kept as { $file }
app-scenario-gone = { $file }: the scenario has errors or is gone; see the library
app-resume-scenario-gone = { $file }: the scenario is not in the library or has errors
app-no-such-folder = { $folder }: no such folder
app-no-pseudonyms = pseudonyms: { $error }
app-debrief-scenario-missing = { $file }: its scenario `{ $id }` ({ $language }) is not in the library
app-note-empty = an empty note is not pinned
app-settings-unreadable = { $error }; using the default settings
app-settings-unreadable-kept = { $error }; using the default settings (kept as { $file })

blind-heading = Content-blind play ({ $seeds } seeds each, a one-character report where one is asked for):
blind-row = { $strategy }: { $outcomes }; ratings { $levels }
blind-stopped = , { $count } stopped
blind-strategy-place = always the { $place ->
    [1] 1st
    [2] 2nd
    [3] 3rd
   *[other] { $place }th
} option shown
blind-strategy-longest = always the longest option
blind-strategy-shortest = always the shortest option
blind-strategy-random = random play
blind-resolved = { $strategy } reaches a resolved ending in { $resolved } of { $runs } runs
blind-many-p = { $strategy } rates P in { $count } competencies
blind-luck = { $strategy } reaches a resolved ending in { $resolved } of { $runs } runs ({ $percent } %, luck is about 1 %)
cli-explore-harm = ending `{ $ending }` is resolved after the harmful choice `{ $choice }`: { $path }
cli-explore-blind = content-blind: { $finding }
blind-outcome = { $count } { $outcome }
blind-list-separator = {", "}

## Spotting: parts of the screen a trainee can flag, and how the review reports flags.
spot-line = the line
spot-caller-id = the caller ID
spot-sender = the sender
spot-subject = the subject
spot-body = the text
spot-link = the link
spot-title = the title
spot-field = the field “{ $field }”
cli-flagged = flagged #{ $n } ({ $part }) as suspicious
cli-flag-help = To flag something as suspicious: flag N [caller|sender|subject|body|link|title|field label]; to reveal a masked field: reveal Field label.
review-flagged-row = Flagged as suspicious — { $part }: { $what }
review-spotted = Red flags you spotted (flagged)
review-false-alarms = False alarms (flagged, not a warning sign)
review-sustain-spotted = You spotted the red flag “{ $flag }” yourself
review-improve-false-alarms = { $count } flag(s) on things that were not warning signs: say to yourself what makes something suspicious before you flag it
## Data minimisation: reveals of masked fields.
review-reveals = Masked fields you revealed
review-justified = justified
review-unjustified = not justified
review-unassessed = not assessed
review-improve-reveal = You revealed “{ $field }” without need: { $why }
## Written answers: how each checklist item was graded.
review-model-answer = A model answer
review-covered-by = covered by “{ $words }”
review-graded-by = confirmed by { $who }
review-changed-by = graded by { $who } (automatic grade: { $was })
review-automatic = automatic
grade-negated = negated by “{ $word }”
grade-too-short = the sentence says nothing beyond these words
grade-keyword-list = a list of keywords, not a statement
grade-copied = copied from the question
grade-question = a question, not a statement
grade-refused = “{ $words }” in “{ $clause }” did not count: { $why }
cli-grade-answer = Decision { $decision } (`{ $node }`), written answer:
cli-grade-old = graded before checklist grades could be confirmed: nothing to grade
cli-grade-none = This drill has no written answers.
cli-graded = graded item `{ $item }` of decision { $decision } as { $verdict } in { $file }
review-lost-spotting = you flagged { $spotted } of the { $shown } red flags shown yourself; { $false } false alarm(s)
review-lost-reveal = revealed “{ $field }” at { $label } without need (−{ $cost })
drill-flag-hint = Flag { $part } as suspicious (F flags the newest line)
drill-flagged = Flagged as suspicious
drill-you-flagged = You flagged { $part } as suspicious
review-grade-as = Grade as evaluator:
review-grade-covered = Covered
review-grade-not-covered = Not covered
review-jump-flags = Red flags and reveals
drill-flag-label = Flag { $part }
cli-check-allowed = ({ $count } warning(s) of kind { $kinds } not shown: --allow)
review-written = Your written answer against its checklist

# The Assessment screen and assessment drills in the app.
library-assessments = Assessments
assess-app-title = Assessment: { $name }
assess-app-intro = { $count } drills, played one after another by { $trainee }. The clock does not stop: a drill played for an assessment cannot be paused. Each drill counts once, the first time it is played for the set. The results and the reviews come when every drill of the set is done.
assess-app-held-back = The results and the reviews are held back until every drill of the set is done.
assess-app-played = played
assess-app-review = Open the review
assess-app-start = Start the first drill: { $title }
assess-app-next = Start the next drill: { $title }
assess-app-back = Back to the library
assess-app-no-curriculum = there is no curriculum ({ $file }) in the scenario folder
assess-app-all-done = every drill of this assessment is already done
assess-app-missing = the drill `{ $drill }` of this assessment is not in the library, or does not load
drill-assessment = Assessment: { $name }
drill-assessment-hint = This drill counts for an assessment: it cannot be paused, and its review comes when every drill of the set is done.
drill-no-pause = A drill played for an assessment cannot be paused.
app-assessment-not-saved = The drill could not be saved; it is kept in the data folder as an interrupted drill. { $error }
library-assessment-open = Open the assessment

# A team drill's votes in its review.
team-votes-heading = Team votes
team-votes-answer = Team's answer
team-votes-alignment = Alignment
team-votes-votes = Votes
team-vote = { $member }: { $option }
team-vote-sure = { $member }: { $option } (sure)
team-vote-not-sure = { $member }: { $option } (not sure)
team-votes-expert = Expert answer
team-votes-chose-expert = Chose the expert answer
team-votes-sure-wrong = Sure and wrong
team-votes-none = no answer: the time ran out
team-votes-majority = majority
team-votes-lead-broke-tie = a tie, broken by the team lead
team-votes-facilitator-broke-tie = a tie, broken by the facilitator
team-votes-timed-out = the time ran out
team-vote-unified = Unified
team-vote-split = Split
team-vote-divided = Divided
team-votes-summary = Alignment over the drill: { $unified } unified, { $split } split, { $divided } divided (unified: at least 60 % of the votes on one option; split: 40–59 %; divided: under 40 %).
team-votes-answer-how = { $answer } ({ $how })
app-review-held-back = The review of this drill is held back: { $trainee } has not finished the assessment it counts for yet.
app-team-held-back = { $count } drill(s) of assessments still being taken are left out until each trainee finishes the set (hotwash review and hotwash assess show them).
app-assessment-resume-first = A drill of an assessment was interrupted: resume it first (it cannot be discarded or replaced).
app-assessment-no-stop = A drill played for an assessment cannot be stopped.

# A role play in the review: the role-player's own words, answers given aloud and matched.
review-ad-lib = { $who } (in their own words): { $text }
review-matched-row = Answered in own words, matched to: { $choice }
review-matched = Answered in own words, matched to
review-you-matched = You answered in your own words, matched to: { $choice }
library-assessment-row = { $name }: { $standing }
