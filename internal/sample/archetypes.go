package sample

// archetypes in the order communities are made: English and French
// alternate, so that any number of communities is half and half.
var archetypes = []*archetype{&securityGuild, &guildeData, &platformSRE, &maintenanceIndustrielle,
	&salesEngineering, &qualite, &frontendGuild, &supportClient}
