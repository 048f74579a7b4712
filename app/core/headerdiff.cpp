#include "headerdiff.h"
