# Diagnostics of scenario files (`hotwash check`, the app's library): the engine's language.
diag-random-empty = random `{ $name }` has no options
diag-random-empty-hint = give at least one text
diag-random-range = random `{ $name }` ranges from { $lo } down to { $hi }
diag-random-range-hint = write the smaller number first
