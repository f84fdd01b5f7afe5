"""The data layer: files to model. Plain Python; never imports textual."""
