/* failio.c — placeholder */
int failio_placeholder;
