"""The front door: the `capil` command, the local stack launcher and the demo."""
