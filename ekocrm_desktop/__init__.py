"""EkoCRM Desktop: a desktop CRM for small offices and associations."""

__version__ = "0.1.0"

APP_NAME = "EkoCRM"
APP_ID = "fr.ekocrm.EkoCRM"
