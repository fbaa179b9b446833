"""Predict, then reveal: the learner commits to what a model will show before seeing it.

Each prediction lives in ``data/predictions/<chapter>.yaml`` (see ``data/README.md``). The book version is
plain HTML radio buttons whose reveal appears, by CSS alone, once any option is chosen; the live
version uses ipywidgets radio buttons. Nothing is stored or sent anywhere.
"""
from __future__ import annotations

import html

from .data import load_predictions
from .dual import DualDisplay, inline_markdown

INTRO = "Predict first: choose what you expect, then the answer appears."


class Prediction(DualDisplay):
    """One predict-then-reveal question.

    Parameters
    ----------
    key : str
        Prediction id, e.g. ``"ch02-hope"`` in ``data/predictions/ch02.yaml``.
    """

    def __init__(self, key: str):
        predictions = load_predictions(key[:4])
        if key not in predictions:
            raise ValueError(f"no prediction {key!r} in data/predictions/{key[:4]}.yaml; "
                             f"available: {sorted(predictions)}")
        self.key = key
        self.prediction = predictions[key]

    def __repr__(self):
        return f"Prediction({self.key!r})"

    def reveal_html(self, book: bool) -> str:
        """The reveal as HTML. (It states the answer in its own words; the book shows no option
        numbers, so ``shows`` is kept for the tests and the instructor, not printed.)"""
        return (f'<p><strong>What the model shows.</strong> '
                f'{inline_markdown(self.prediction["reveal"], book=book)}</p>')

    def static_html(self) -> str:
        key = html.escape(self.key)
        parts = [f'<fieldset class="course-predict" id="predict-{key}">'
                 f'<legend><span class="course-predict-label">Predict.</span> '
                 f'{inline_markdown(self.prediction["prompt"], book=True)}</legend>']
        for k, option in enumerate(self.prediction["options"], start=1):
            parts.append(f'<input type="radio" name="predict-{key}" id="predict-{key}-{k}" value="{k}">'
                         f'<label for="predict-{key}-{k}">{inline_markdown(option, book=True)}</label>')
        parts.append(f'<div class="course-predict-reveal" role="status">{self.reveal_html(book=True)}</div>'
                     "</fieldset>")
        return "".join(parts)

    def widget(self) -> "LivePrediction":
        return LivePrediction(self)


class LivePrediction:
    """ipywidgets version: ``choice`` (radio buttons, nothing chosen at first) and ``reveal``
    (empty until the learner chooses)."""

    def __init__(self, view: Prediction):
        import ipywidgets as ipw

        self.view = view
        options = view.prediction["options"]
        self.choice = ipw.RadioButtons(options=[(text, k) for k, text in enumerate(options, start=1)],
                                       value=None, layout=ipw.Layout(width="auto"))
        self.reveal = ipw.HTML()
        self.choice.observe(self._on_choice, names="value")
        prompt = inline_markdown(view.prediction["prompt"], book=False)
        self.box = ipw.VBox([ipw.HTML(f'<p><strong>Predict.</strong> {prompt}</p>'), self.choice, self.reveal],
                            layout=ipw.Layout(border="1px solid #8a8f98", padding="0.3rem 0.8rem", margin="0.5rem 0"))
        self.box.add_class("course-predict-live")

    def _on_choice(self, change):
        if change["new"] is not None:
            self.reveal.value = self.view.reveal_html(book=False)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def ask(key: str) -> Prediction:
    """The prediction ``key`` (``data/predictions/<chapter>.yaml``), shown before its model."""
    return Prediction(key)
