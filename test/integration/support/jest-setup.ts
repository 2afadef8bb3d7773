// Real services answer in seconds, and a connector snapshot can take a while on two cores.
jest.setTimeout(180_000);
