#include "expectations.h"
