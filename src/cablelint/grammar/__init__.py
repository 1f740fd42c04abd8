"""The document grammar and the readers that turn a cable's lines into the model."""

# the renderings a cable is read in (a Cable's dialect, --dialect); declared here,
# where nothing is imported with it, for the command line's declaration of --dialect
DIALECTS = ("telegram", "cablegate", "markdown", "draft")
