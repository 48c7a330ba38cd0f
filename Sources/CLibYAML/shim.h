// The system libyaml (Debian libyaml-dev, pkg-config yaml-0.1). Only the YAML module imports this.
#ifndef BEDROCKCTL_CLIBYAML_SHIM_H
#define BEDROCKCTL_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
