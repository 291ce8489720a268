"""gunicorn settings for the web role: the ones the package ships (service/gunicorn_config.py).

`horoscope-service serve` uses the packaged settings from any directory; this file is for running
gunicorn by hand from a checkout (`gunicorn -c gunicorn.conf.py service.wsgi:app`) and for images that
copy it. Copy it and change values to make your own (`serve --gunicorn-config PATH`).
"""

from service.gunicorn_config import *  # noqa: F403
