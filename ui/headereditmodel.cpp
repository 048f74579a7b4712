#include "headereditmodel.h"
