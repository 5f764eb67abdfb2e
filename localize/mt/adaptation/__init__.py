"""Learning from reviewers: a pair's model fine-tuned on the segments reviewers approved, served
only once it measurably beats the model it would replace on approvals it never saw.

`data` gathers the approved units of a scope and splits off the held-out slice; `training`
fine-tunes a copy of the serving model; `gate` scores both models on the held-out slice and says
whether the copy may serve; `promotion` records the decision in the models file and the history
log, and rolls it back; `run` ties them together for the CLI and the workers."""
