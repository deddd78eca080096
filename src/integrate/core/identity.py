"""The application's identity: one place for its id and the names desktops show.

The reverse-DNS id names the desktop file, the icon, the AppStream component and the
`desktop-entry` hint on notifications; every surface takes it from here.
"""

from __future__ import annotations

APP_ID = "org.integrate.Integrate"
APP_NAME = "Integrate"
# On a computer the patient may share, launchers and notifications say only this.
NEUTRAL_NAME = "Journal"
