# The engine's errors (saving and loading files, the data folder, the runner): the engine's language.
