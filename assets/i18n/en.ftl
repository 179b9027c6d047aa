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
briefing-timed = Some decisions are timed: when the bar runs out, the drill moves on without you.
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
review-ratings = Rating per competency
review-competency = Competency
review-rating = Rating
review-points = Points
review-why = Why
review-scale = P performed · S with some challenges · M with major challenges · U unable to perform
review-q1 = 1. What was supposed to happen
review-expert-path = The expert path
review-q2 = 2. What happened
review-time = Time
review-what = What
review-response = Response
review-q3 = 3. Why it happened
review-answered-in = answered in { $seconds }
review-you-chose = You: { $choice }
review-timed-out = (time ran out)
review-expert-would = The expert path: { $choice }
review-flags-caught = Red flags caught: { $count }
review-flags-missed = Red flags missed: { $count }
review-report = Your incident report against its checklist
review-empty = (empty)
review-q4 = 4. What to sustain and what to improve
review-sustain = Sustain
review-improve = Improve
review-plan = Improvement plan
review-follow-ups = Follow-up drills
review-notes = Evaluator notes
review-open-html = Open the printable review
review-open-md = Open the Markdown
review-not-saved = The drill could not be saved: { $why }. It is kept as the drill in progress.
review-replay = Play again, same seed ({ $seed })
review-retry = Play again, new seed
review-back = Back to the library
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
