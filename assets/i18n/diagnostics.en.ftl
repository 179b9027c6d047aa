# Diagnostics of scenario files (`hotwash check`, the app's library): the engine's language.

## src/engine/validate.rs
diag-random-empty = random `{ $name }` has no options
diag-random-empty-hint = give at least one text
diag-random-range = random `{ $name }` ranges from { $lo } down to { $hi }
diag-random-range-hint = write the smaller number first
diag-too-many-nodes = the scenario has { $count } nodes; at most { $max } are allowed
diag-start-missing = the start node `{ $start }` does not exist
diag-start-at-ending = the drill starts at an ending
diag-start-at-ending-hint = start at a node
diag-node-and-ending = `{ $id }` is both a node and an ending
diag-node-and-ending-hint = nodes and endings share one set of ids
diag-format-unknown = format { $format } is not known to this version of Hotwash
diag-format-unknown-hint = this version reads format { $version }
diag-scenario-id-unusable = the scenario id `{ $id }` is not usable in file names
diag-scenario-id-unusable-hint = use lower-case letters, digits, `-` and `_`
diag-scenario-id-too-long = the scenario id is { $length } characters long; at most { $max } fit in the names of debrief files
diag-scenario-id-too-long-hint = a short id in words, e.g. `bank-security-call`
diag-language-unsupported = language `{ $language }` is not supported
diag-language-unsupported-hint = expected `en` or `zh-CN`
diag-zero-minutes = the drill is estimated at 0 minutes
diag-no-objectives = the scenario has no learning objectives
diag-no-objectives-hint = add `objectives: ["…"]`; the review compares against them
diag-bad-placeholder = bad placeholder: { $problem }
diag-placeholder-unopened = a `{"}"}` without its `{"{"}` (write `{"}}"}` for a literal brace)
diag-placeholder-unclosed = a `{"{"}` without its `{"}"}` (write `{"{{"}` for a literal brace)
diag-placeholder-bad-name = `{"{"}{ $name }{"}"}` is not a placeholder name (letters, digits and `_`)
diag-placeholder-unfilled = placeholder `{"{"}{ $name }{"}"}` is never filled
diag-placeholder-unfilled-hint = declare it under `random`; { $hint }
diag-not-declared = { $what } `{ $id }` is not declared
diag-shown-id-long = { $start }… ({ $count } characters)
diag-target-missing = `{ $id }` is not a node or an ending
diag-next-no-arms = `next` has no arms: the drill would stop here
diag-next-no-arms-hint = end the list with an arm without `when`, such as `(to: "partial")`
diag-next-last-arm-conditional = the last arm of `next` has a condition: when none holds, the drill has nowhere to go
diag-next-last-arm-conditional-hint = end the list with an arm without `when`
diag-next-arm-unconditional = arm { $arm } of `next` has no condition, so the arms after it are never taken
diag-next-arm-unconditional-hint = only the last arm goes without `when`
diag-competency-undeclared = competency `{ $id }` is not declared
diag-competency-undeclared-hint = { $hint }; declare others under `competencies`
diag-node-dead-end = node `{ $id }` has no choices, input or next: the drill would stop here
diag-node-dead-end-hint = add `choices`, an `input`, or `next` to an ending
diag-node-several-ways = node `{ $id }` has more than one of `choices`, `input` and `next`
diag-keep-one = keep one
diag-timeout-no-choices = node `{ $id }` has a time limit but no choices
diag-timeout-no-choices-hint = a timeout belongs on a decision
diag-timeout-zero = a time limit of 0 seconds cannot be met
diag-all-choices-conditional = every choice at `{ $id }` has a `when`: where none holds, the drill stops with nothing to choose
diag-all-choices-conditional-hint = leave one choice without `when`, or run `hotwash explore` to see whether that can happen
diag-decision-unscored = the decision at `{ $id }` scores nothing
diag-decision-unscored-hint = give the choices `scores` so the review can rate it
diag-injects-skipped = node `{ $id }` moves straight on to `next`, so its injects never arrive
diag-injects-skipped-hint = put injects on a node that waits for a choice or an answer
diag-inject-twice = inject `{ $inject }` appears twice in node `{ $node }`
diag-inject-never = inject `{ $inject }` never arrives
diag-inject-never-hint = give it `after: <seconds>` or `when: <condition>`
diag-no-checklist = the written answer has no checklist
diag-no-checklist-hint = list what a good answer covers, so it can be scored
diag-checklist-twice = checklist item `{ $item }` appears twice
diag-checklist-no-keywords = checklist item `{ $item }` has no keywords, so it can never be covered
diag-section-ignored = a free-text answer has no sections; `section` is ignored
diag-link-no-domain = the link has no domain
diag-link-scheme = the link opens a `{ $scheme }:` address; a message's link is a web address
diag-link-scheme-hint = write the address the link really opens, starting http:// or https://
diag-choice-twice = choice id `{ $id }` is used twice
diag-choice-twice-hint = it is also in node `{ $node }`; choice ids are unique in a scenario
diag-choice-no-feedback = choice `{ $id }` has no feedback
diag-choice-no-feedback-hint = say why it is right or wrong; the review shows it
diag-choice-leads-nowhere = choice `{ $id }` leads nowhere
diag-choice-leads-nowhere-hint = give it `next` or a `branch`
diag-choice-next-and-branch = choice `{ $id }` has both `next` and `branch`
diag-branch-zero-weight = a random branch needs a positive weight
diag-branch-zero-weight-hint = weights are relative: 1 and 3 mean one in four
# The kinds of declared things, as `diag-not-declared` and `diag-id-too-long` name them.
diag-kind-cast-member = cast member
diag-kind-red-flag = red flag
diag-kind-reference = reference
diag-kind-variable = variable
diag-kind-competency = competency
diag-kind-random-value = random value
diag-kind-ending = ending
diag-kind-choice-id = choice id
diag-kind-node-id = node id
diag-kind-inject-id = inject id
diag-kind-checklist-item = checklist item

## src/engine/validate/conditions.rs
diag-type-bool = bool
diag-type-integer = integer
diag-type-text = text
diag-type-condition = this condition treats `{ $var }` as { $expected }, but it is { $actual }
diag-type-comparison = this comparison treats `{ $var }` as { $expected }, but it is { $actual }
diag-type-effect = this effect treats `{ $var }` as { $expected }, but it is { $actual }
diag-type-add = `Add` treats `{ $var }` as { $expected }, but it is { $actual }
diag-visited-ending = `{ $node }` is an ending: the drill is over once it is reached, so this never holds
diag-visited-ending-hint = name a node the drill passes on its way
diag-choice-missing = choice `{ $id }` does not exist
diag-checklist-item-missing = no written answer has a checklist item `{ $item }`

## src/engine/validate/cues.rs
diag-option-longer = the best option at `{ $id }` is { $ratio }× as long as the longest other option: its length gives it away
diag-option-longer-hint = shorten it, or give the wrong options as much detail (`--allow option-length` hides this)
diag-option-longest-share = the best option is the longest at { $longest } of { $decisions } decisions ({ $percent } %): always picking the longest option would pass
diag-option-longest-share-hint = vary which option is longest; at most 40 % of decisions should have the best one longest (`--allow option-length` hides this)

## src/engine/validate/graph.rs
diag-node-unreachable = node `{ $id }` cannot be reached from the start `{ $start }`
diag-node-unreachable-hint = lead a choice or `next` to it, or remove it
diag-node-no-ending = no ending can be reached from node `{ $id }`
diag-node-no-ending-hint = every path must lead to an ending; a loop needs a way out
diag-ending-unreachable = ending `{ $id }` cannot be reached from the start
diag-red-flag-never-caught = red flag `{ $id }` is never caught by any choice
diag-red-flag-never-caught-hint = add it to the `catches` of the choices that notice it
diag-red-flag-never-shown = red flag `{ $id }` never appears in a node or inject
diag-red-flag-never-shown-hint = list it in the `red_flags` of the beat where it shows
diag-competency-unscored = competency `{ $id }` is never scored
diag-reference-uncited = reference `{ $id }` is never cited

## src/engine/validate/limits.rs
diag-too-large = { $what } { $value } is beyond what a drill can use (at most { $limit })
diag-limit-seconds = { $seconds } seconds
diag-limit-a-day = { $max }, a day
diag-limit-score = a score of
diag-limit-weight = a weight of
diag-limit-addition = an addition of
diag-limit-value = a value of
diag-limit-queue = a queue figure of
diag-limit-cost = a cost of
diag-limit-start-value = a starting value of
diag-limit-bound = a bound of
diag-limit-time-limit = a time limit of
diag-limit-delay = a delay of
diag-limit-checklist-points = a checklist item worth
diag-id-too-long = the { $what } `{ $start }…` is { $length } characters long; ids have at most { $max }
diag-text-too-long = a text of { $length } characters; a line, a message or feedback has at most { $max }
diag-text-too-long-hint = a trainee reads at 240 words a minute: split it over beats, or keep what they need
diag-detail-too-long = a random detail of { $length } characters; a name, a number or a date has at most { $max }
diag-too-many-injects = the beat has { $count } injects; at most { $max }
diag-too-many-injects-hint = split the beat: a trainee cannot follow that many interruptions
diag-phrase-too-long = a checklist phrase of { $length } characters; phrases are a few words (at most { $max })

## src/engine/validate/marks.rs
diag-spots-flag-absent = red flag `{ $flag }` has spots but is not among this beat's `red_flags`
diag-spots-flag-absent-hint = list it in `red_flags` too, or remove its spots
diag-spot-no-field = no CRM record of this beat has a field `{ $label }`
diag-spot-no-field-hint = name a field by its label as the record writes it
diag-reveal-unmasked = field `{ $field }` is not masked, so it is never revealed
diag-reveal-unmasked-hint = add `sensitive: true`, or remove the rule
diag-reveal-negative-cost = a reveal's cost is the points it takes away: write it as a positive number
diag-reveal-no-feedback = the reveal rule has no feedback
diag-reveal-no-feedback-hint = say why the field was not needed; the review shows it

## src/engine/load.rs
diag-not-utf8 = the file is not UTF-8 text
diag-not-utf8-hint = save the scenario as UTF-8 (binary files and other encodings are not scenarios)
diag-file-unreadable = cannot read the file: { $error }
diag-file-too-large = the file is { $size } bytes; scenario files may be at most { $max } bytes (16 MiB)
diag-file-too-large-hint = split the drill into smaller scenarios
diag-file-empty = the file is empty
diag-file-empty-hint = start from `hotwash new <id>` or the example in docs/scenario-format.md
diag-duplicate-key = `{ $key }` is written twice in `{ $map }`
diag-duplicate-key-hint = the first is at line { $line }; ids must be unique
diag-too-deep = the file nests deeper than a scenario may
diag-too-deep-hint = at most { $max } levels as the reader counts them: each bracket, and each condition or value with content (`Not(…)`, `Some(…)`) two, so about 55 conditions inside one another
diag-syntax-eof-hint = the file ends too early: a bracket or quote is not closed
diag-syntax-string-end-hint = a string is not closed: its closing `"` is missing
diag-syntax-comma-hint = a `,` between fields or a closing bracket is missing
diag-syntax-missing-field-hint = add `{ $field }: …` (see docs/scenario-format.md)

## src/engine/path.rs (the curriculum check)
diag-curriculum-unreadable = cannot read the curriculum: { $error }
diag-curriculum-format = curriculum format { $format } is not known; this version reads format { $version }
diag-curriculum-track-twice = track `{ $track }` appears twice
diag-curriculum-track-no-name = track `{ $track }` has no name in `{ $lang }`
diag-curriculum-track-no-levels = track `{ $track }` has no levels
diag-curriculum-level-no-name = level { $level } of track `{ $track }` has no name in `{ $lang }`
diag-curriculum-level-no-drills = level { $level } of track `{ $track }` has no drills
diag-curriculum-level-unknown-drill = level { $level } of track `{ $track }` names drill `{ $drill }`, which is not in the library
diag-curriculum-no-tracks = the curriculum has no tracks
diag-curriculum-placement-unknown-drill = the placement set names drill `{ $drill }`, which is not in the library
diag-curriculum-assessment-no-name = assessment `{ $assessment }` has no name in `{ $lang }`
diag-curriculum-assessment-unknown-drill = assessment `{ $assessment }` names drill `{ $drill }`, which is not in the library
diag-curriculum-assessment-no-seeds = assessment `{ $assessment }` has no seeds

## src/engine/diag.rs
diag-render-hint = hint: { $hint }
diag-did-you-mean = did you mean `{ $name }`?
diag-none-declared = none is declared
diag-list-sep = ,{" "}
diag-expected-one-of = expected one of { $list }
diag-expected-one-of-more = expected one of { $list } and { $more } more
diag-hand-inject-twice = the facilitator's inject `{ $inject }` is declared twice
diag-hand-inject-timed = the facilitator's inject `{ $inject }` has `{ $field }`, but the facilitator sends it by hand
diag-hand-inject-timed-hint = leave out `after` and `when`, or move it into the `injects` of the node where it should arrive
diag-hand-inject-clash = the facilitator's inject `{ $inject }` has the id of an inject of node `{ $node }`
diag-too-many-hand-injects = the scenario has { $count } facilitator injects; at most { $max }
