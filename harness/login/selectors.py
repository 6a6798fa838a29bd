"""How the browser driver finds BankID's TestBank dialog, in one place [S60].

The dialog asks one thing per step: the user's national identity number (fødselsnummer), the one-time code
from the code device (TestBank: ``otp``), then the personal password (TestBank: ``qwer1234``); each step is
confirmed with a "next" button, the last one logs in [S60][S79]. Fields are found by their visible label and
buttons by their accessible name, as a user finds them, in Norwegian or English (``ui_locales`` nb/en [S10]):
no element ids, which only one implementation would share. When BankID changes its dialog, this is the one
module to update.
"""

from __future__ import annotations

import re

USER_ID = re.compile(r"fødselsnummer|national identity number|personal (identity )?number|user id", re.I)
ONE_TIME_CODE = re.compile(r"engangskode|one-time code|one time code", re.I)
PASSWORD = re.compile(r"passord|password", re.I)
NEXT = re.compile(r"^\s*(neste|next|fortsett|continue|logg inn|log in|signer|sign)\s*$", re.I)
CANCEL = re.compile(r"^\s*(avbryt|cancel)\s*$", re.I)
# The IDP choice on the dialog: BankID with biometrics [S20][S21].
BIOMETRICS = re.compile(r"biometri", re.I)
ERROR_ROLE = "alert"
# The TestBank credentials every test user shares [S60].
TESTBANK_OTP = "otp"
TESTBANK_PASSWORD = "qwer1234"
