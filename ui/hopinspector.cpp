#include "hopinspector.h"
