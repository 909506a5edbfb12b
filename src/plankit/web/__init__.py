"""``plankit serve``: a guided web form over the input models and :mod:`plankit.api`.

The form never composes on its own: it writes the input file the CLI would read into a
working folder and asks :mod:`plankit.api` to check, draft and render it. Importing this
package needs Starlette and uvicorn (the ``web`` extra).
"""
