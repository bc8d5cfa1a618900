"""One module (and one .tcss) per screen; modal dialogs in `dialogs`."""
