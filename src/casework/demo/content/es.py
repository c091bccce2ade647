"""Textos de demostración en español (mismas claves y variables que ``en.py``)."""

OPENINGS = {
    "reservation.host_cancellation": [
        ("El anfitrión canceló el día de llegada", "Hola, acabamos de llegar a {city} y {other} canceló nuestra reserva {code} en {listing} hace una hora. Somos {guests} personas con maletas y sin dónde dormir esta noche. Por favor, ayúdennos."),
        ("Mi reserva fue cancelada por el anfitrión", "Hola, recibí un correo diciendo que mi estancia en {listing} (del {check_in} al {check_out}) fue cancelada por el anfitrión, sin explicación. Reservé hace meses para una boda. ¿Qué opciones tengo? Reserva {code}."),
        ("Cancelación {code}: quiero reembolso y otro alojamiento", "Nuestro anfitrión {other} nos escribió que el piso «ya no está disponible» para el {check_in}. Pagamos {amount}. Quiero el reembolso completo y ayuda para encontrar algo parecido en {city}."),
        ("El anfitrión me pide que cancele yo", "El anfitrión de {listing} me pide que cancele yo la reserva {code} para no tener penalización. No quiero perder mi dinero. ¿Qué hago?"),
    ],
    "reservation.guest_cancellation": [
        ("Cancelación por emergencia médica", "Hola, tengo que cancelar mi estancia en {listing} ({check_in}) porque ingresaron a mi padre en el hospital. Puedo enviar el justificante. La política solo devuelve el 50 % de {amount}. ¿Hay alguna excepción?"),
        ("Cancelé y no veo el reembolso", "Cancelé la reserva {code} nueve días antes de la llegada, que debería ser reembolso total, pero la página muestra 0. ¿Pueden revisarlo?"),
        ("Vuelo cancelado, no llegamos a {city}", "La aerolínea canceló nuestro vuelo a {city} y el siguiente sale dos días después. Quiero cancelar las dos primeras noches de {code}. El anfitrión no contesta."),
    ],
    "reservation.date_change": [
        ("Cambiar fechas de {code}", "Hola, ¿podemos mover nuestra estancia en {listing} un día? El anfitrión está de acuerdo por mensaje pero el botón de cambio da error."),
        ("El anfitrión rechazó el cambio de fechas", "Pedí acortar mi estancia dos noches y {other} lo rechazó sin motivo. No estaré en {city} esas noches. ¿Me ayudan con un reembolso parcial?"),
        ("Alargar la estancia", "Estamos en {listing} y queremos quedarnos después del {check_out}. El calendario está libre pero el precio subió mucho. ¿Es correcto?"),
    ],
    "reservation.check_in": [
        ("No podemos entrar: el código no funciona", "Estamos frente a {listing} en {city}. El código de la caja de llaves que mandó {other} no funciona y el anfitrión no contesta. Es tarde y vamos con dos niños. Reserva {code}."),
        ("Las llaves no están en la cafetería", "El anfitrión dijo que las llaves estarían en la cafetería de abajo pero no saben nada. Llevamos más de una hora esperando. Reserva {code}."),
        ("La cerradura inteligente no abre", "La cerradura de {listing} parpadea en rojo y no acepta el código de la app. Llegamos a las 23:00 y no localizamos a nadie."),
        ("Dirección equivocada en el anuncio", "La dirección de las instrucciones nos lleva a un edificio de oficinas, no a {listing}. El anfitrión no responde. ¿Qué hacemos?"),
    ],
    "reservation.not_as_described": [
        ("El piso no se parece a las fotos", "El piso {listing} no se parece en nada a las fotos: un solo dormitorio en vez de dos, el «balcón» es una repisa y hay obras desde las 7. Somos {guests}. Quiero irme y que me devuelvan el dinero."),
        ("Sin vistas al mar ni piscina", "Reservamos {listing} por las vistas al mar y la piscina. Las vistas dan a un aparcamiento y la piscina está cerrada por obras, algo que no se mencionaba. Reserva {code}."),
        ("Anuncian 4 camas y hay 2", "El anuncio dice cuatro camas pero hay dos y un sofá roto. Mis padres están durmiendo en el suelo. Ayúdennos."),
        ("No es el piso que reservamos", "El anfitrión nos llevó a otro piso, más pequeño y en un sexto sin ascensor. No es lo que pagué, {amount}."),
    ],
    "reservation.cleanliness": [
        ("Piso sucio al llegar", "Acabamos de llegar a {listing}: pelos en el baño, sábanas sucias, comida vieja en la nevera y el suelo pegajoso. Así no podemos quedarnos. Reserva {code}."),
        ("Chinches", "Me desperté llena de picaduras y encontré chinches en las costuras del colchón en {listing}. Tengo fotos. Quiero irme hoy."),
        ("Moho en el baño", "Hay moho negro en la ducha y el dormitorio huele a humedad. Mi hija tiene asma. Necesitamos otro alojamiento."),
    ],
    "reservation.missing_amenities": [
        ("No hay agua caliente", "No hay agua caliente en {listing} desde que llegamos ayer. {other} dice que vendrá un fontanero «quizá mañana». Reserva {code}."),
        ("El wifi no funciona y teletrabajo", "Elegí {listing} por el wifi rápido que anunciaba. El router está muerto y el anfitrión dice que lo arreglará la semana que viene. Tengo reuniones a diario."),
        ("No hay aire acondicionado", "Hace 38 grados y el aire acondicionado no funciona. El anuncio dice aire acondicionado en todas las habitaciones. Vamos con un bebé."),
    ],
    "reservation.relocation": [
        ("Necesitamos reubicación esta noche", "Se cayó el techo del baño de {listing} por una fuga del piso de arriba. El anfitrión reconoce que no podemos quedarnos. Necesitamos alojamiento en {city} esta noche para {guests} personas."),
        ("Ayuda con la nueva reserva tras la cancelación", "Nuestro anfitrión canceló y encontramos otro sitio, pero {amount} más caro. ¿Cubren la diferencia como dice su política?"),
        ("La reubicación está demasiado lejos", "Nos ofrecen un piso a 40 minutos del centro de {city}. Reservamos en el centro porque mi madre camina con dificultad. ¿Hay algo más cerca?"),
    ],
    "payments.refund": [
        ("¿Dónde está mi reembolso?", "Confirmaron un reembolso de {amount} para {code} hace dos semanas y sigo sin verlo en mi tarjeta. ¿Me pueden enviar la referencia?"),
        ("Reembolso de las noches que no usamos", "Dejamos {listing} tras la primera noche por los problemas que reporté. Pido el reembolso de las noches restantes."),
        ("El reembolso parcial es muy bajo", "Me ofrecen un 10 % cuando estuvimos 4 de 5 noches sin agua caliente. No es justo, pido al menos la mitad."),
    ],
    "payments.payout": [
        ("Falta el pago de {code}", "Hola, mis huéspedes dejaron {listing} el {check_out} y todavía no recibo el pago de {amount}. Normalmente llega en 24 horas. ¿Pueden revisarlo?"),
        ("¿Pagos retenidos?", "Todos mis pagos desde la semana pasada aparecen «en espera». Tengo 3 alojamientos en {city} y facturas que pagar. Nadie me explicó por qué."),
        ("Importe del pago incorrecto", "El pago de la reserva {code} es mucho menor de lo esperado. El huésped pagó {amount} y recibí menos de la mitad."),
    ],
    "payments.charge_dispute": [
        ("Cobro duplicado", "Me cobraron dos veces la reserva {code}, ambas por {amount}. Por favor, devuelvan el cobro duplicado."),
        ("Cargo desconocido en mi tarjeta", "Veo un cargo suyo que no reconozco. Nunca reservé nada en {city}. ¿Han hackeado mi cuenta?"),
        ("Me cobraron después de cancelar", "Cancelé dentro de las 48 horas, que debía ser gratis, pero me cobraron {amount}."),
    ],
    "payments.security_deposit": [
        ("No liberan el depósito", "Dejamos {listing} el {check_out} impecable pero el depósito sigue retenido en mi tarjeta. ¿Cuándo lo liberan?"),
        ("La anfitriona quiere quedarse el depósito", "{other} dice que se queda todo el depósito por una «mancha en el sofá» que ya estaba cuando llegamos. Tengo fotos de la llegada."),
        ("Depósito mayor de lo indicado", "El depósito retenido para {code} es mayor que el que mostraba el anuncio. ¿Por qué?"),
    ],
    "payments.fees_currency": [
        ("Cobro en la moneda equivocada", "El anuncio mostraba el precio en pesos pero me cobraron en dólares con comisión de cambio del banco. El total supera mucho {amount}."),
        ("Tarifa de servicio sin explicar", "¿Me pueden explicar la tarifa de servicio de {code}? Es casi un 18 % de la estancia."),
        ("Tarifa de limpieza añadida después", "El anfitrión añadió una tarifa de limpieza después de que reservé {listing}. Nunca acepté eso."),
    ],
    "damage.property_damage": [
        ("Los huéspedes dañaron mi piso", "Mis huéspedes de {listing} ({code}) se fueron ayer. La tele está rajada, hay una quemadura en la mesa y la manilla de una ventana rota. Tengo fotos y presupuestos, unos {amount}."),
        ("Vino tinto en el sofá blanco", "Los huéspedes derramaron vino tinto en el sofá blanco y lo taparon con una manta. La limpieza profesional no lo quitó."),
        ("Inundación causada por el huésped", "El huésped dejó la bañera abierta y el agua pasó al piso de abajo. El vecino quiere que le pague el techo."),
    ],
    "damage.missing_items": [
        ("Faltan objetos tras la salida", "Después de que se fueran los huéspedes de {listing} faltan el secador, dos juegos de toallas y el altavoz Bluetooth. Reserva {code}."),
        ("El huésped se llevó las llaves", "Mi huésped se fue con los dos juegos de llaves y el mando del edificio. Cambiar la cerradura cuesta mucho y no contesta."),
        ("Falta un cuadro", "Falta un pequeño grabado enmarcado del salón de {listing} después de la estancia. Era un regalo, vale unos {amount}."),
    ],
    "damage.extra_cleaning": [
        ("Limpieza extra tras una fiesta", "Los huéspedes de {code} dejaron el piso fatal: basura por todas partes, suelo pegajoso y vómito en el baño. La limpiadora necesitó 6 horas más."),
        ("Fumaron en un piso de no fumadores", "Los huéspedes fumaron dentro de {listing} aunque las normas lo prohíben. Cortinas y sofá huelen a tabaco, necesito limpieza a fondo."),
        ("Pelo de perro por todas partes", "El huésped trajo un perro sin avisar. Hay pelo por todas partes y hubo que limpiar dos veces."),
    ],
    "safety.violence_threat": [
        ("El anfitrión nos amenazó", "El anfitrión de {listing} entró borracho gritando que «nos vamos a arrepentir» de quejarnos. Golpeó la puerta. Tenemos miedo y estamos encerrados en el dormitorio."),
        ("Agredieron a mi huésped", "A mi huésped de {listing} lo empujó por las escaleras un vecino tras una discusión. Está herido y viene la policía. ¿Qué hago?"),
        ("Un huésped me amenaza por mensajes", "Después de negarle el reembolso, el huésped de {code} me escribió que sabe dónde vivo y que «volverá con amigos». Tengo miedo de ir al piso."),
    ],
    "safety.sexual_misconduct": [
        ("El anfitrión me hace sentir insegura", "Estoy sola en {listing}. El anfitrión entra sin llamar y anoche intentó tocarme. Cerré la puerta con llave. Quiero irme ya."),
        ("Mensajes inapropiados del coanfitrión", "El coanfitrión me envió mensajes y fotos sexuales durante mi estancia. Tengo capturas. No me siento segura."),
        ("Denuncia sobre un huésped", "Un huésped hizo comentarios sexuales a mi limpiadora y la agarró del brazo. Está muy afectada."),
    ],
    "safety.emergency": [
        ("INCENDIO en el alojamiento", "Sale humo de la cocina de {listing}, la alarma suena y el extintor está vacío. Estamos fuera con los niños, ya llamamos a los bomberos. Reserva {code}."),
        ("Olor a gas", "Huele mucho a gas en {listing}. Salimos del edificio. El anfitrión no contesta. ¿Qué hacemos?"),
        ("Encerrados en la azotea de noche", "Mi amigo se quedó encerrado en la terraza de {listing}, la manilla se rompió por dentro, son las 2 de la mañana y hace frío. El anfitrión no responde."),
    ],
    "safety.hidden_devices": [
        ("Cámara escondida en el dormitorio", "Encontré una cámara pequeña dentro del detector de humo del dormitorio de {listing}. No aparecía en el anuncio. Reserva {code}."),
        ("Un aparato graba el salón", "Hay un aparato que parece un cargador con una lente apuntando al sofá cama. El anfitrión dice que es «por seguridad»."),
        ("El anfitrión nos escucha", "El anfitrión comentó cosas que dijimos en privado dentro del piso. Creo que hay un micrófono. Quiero irme."),
    ],
    "safety.unauthorised_party": [
        ("Fiesta en mi piso ahora mismo", "El sensor de ruido de {listing} marca 95 dB desde hace dos horas y los vecinos dicen que hay más de 40 personas. La reserva {code} es para {guests}. Quiero que se vayan."),
        ("Fiesta: los vecinos llamaron a la policía", "Anoche vino la policía a {listing} por una fiesta. La comunidad amenaza con prohibir los alquileres turísticos. El huésped dice que fue «una cena tranquila»."),
        ("Reserva sospechosa para esta noche", "Un huésped local reservó {listing} solo para esta noche y preguntó por el equipo de sonido. Creo que es una fiesta. ¿Puedo cancelar sin penalización?"),
    ],
    "safety.minor_safety": [
        ("Niño herido en el alojamiento", "Mi hijo de 4 años se cayó de la escalera del altillo sin protección en {listing}. Estamos en urgencias. El anuncio decía «apto para familias»."),
        ("Niños solos en el piso", "Los huéspedes dejaron solos a dos niños pequeños toda la noche. Mi vecina los oyó llorar durante horas."),
        ("Piscina sin valla", "La piscina de {listing} no tiene valla ni cubierta y la puerta del jardín no cierra. Tenemos un niño pequeño. Es peligroso."),
    ],
    "safety.self_harm": [
        ("Preocupada por mi huésped", "Mi huésped de {listing} me escribió que ya no quiere vivir y me dio las gracias «por todo». No contesta al teléfono. Estoy muy preocupada."),
        ("El huésped dijo que quiere hacerse daño", "El huésped de {listing} le dijo a mi limpiadora que piensa hacerse daño esta noche. Parecía muy mal. ¿Qué hago?"),
        ("Carta preocupante de una huésped", "Una huésped dejó en el piso una carta que parece una despedida. Se fue esta mañana. No sé qué hacer."),
    ],
    "safety.discrimination": [
        ("Me rechazaron por mi nombre", "El anfitrión de {listing} rechazó mi solicitud y luego aceptó las mismas fechas para un amigo con otro apellido. Escribió «no es el tipo de huésped que busco». Es discriminación."),
        ("Cancelaron al ver mi foto", "El anfitrión canceló {code} una hora después de que subiera mi foto de perfil y dijo que el piso «ya no estaba disponible». El calendario sigue abierto."),
        ("Rechazaron a mi perro guía", "El anfitrión no me dejó entrar por mi perro guía, aunque le avisé. Me quedé en la calle en {city}."),
    ],
    "trust.scam": [
        ("El anfitrión pide transferencia", "El anfitrión de {listing} me pide cancelar y pagarle directamente por transferencia con un 20 % de descuento. ¿Está permitido? Ya le envié un adelanto."),
        ("Pagué en una web falsa", "Hice clic en un enlace que me mandó el anfitrión y pagué {amount} en una página igual a la suya. La reserva no aparece en mi cuenta."),
        ("Un huésped quiere pagar fuera de la plataforma", "Un huésped insiste en pagar una estancia larga con criptomonedas. Me mandó un «comprobante» que parece falso."),
    ],
    "trust.fake_listing": [
        ("El alojamiento no existe", "Llegamos a la dirección de {listing} en {city} y es un local vacío. El teléfono del anfitrión no existe. Pagamos {amount}."),
        ("Alguien copió mi anuncio", "Alguien copió las fotos de mi piso en {city} y lo anuncia con otro nombre a mitad de precio."),
        ("Anuncio sospechoso", "Las fotos de este anuncio son de la web de un hotel y el anfitrión pide contacto por WhatsApp enseguida. Creo que es falso."),
    ],
    "trust.account_takeover": [
        ("Cambiaron mis datos de cobro", "Recibí un correo de que mi método de cobro cambió y no fui yo. Tengo dos pagos esta semana. ¡Bloqueen mi cuenta!"),
        ("Me hackearon la cuenta", "Hay dos reservas en {city} que no hice y cambiaron mi correo. Ya no puedo entrar."),
        ("Restablecimiento de contraseña que no pedí", "Recibí códigos de restablecimiento toda la noche y luego un inicio de sesión desde otro país. ¿Está segura mi cuenta?"),
    ],
    "trust.identity_verification": [
        ("Falla la verificación de identidad", "Subí mi pasaporte cuatro veces y siempre falla. Mi llegada a {listing} es el {check_in}. ¿Qué hago mal?"),
        ("Reserva bloqueada por verificación", "Mi solicitud {code} está bloqueada hasta verificar mi identidad, pero el paso del selfie se cierra en mi móvil."),
        ("¿Por qué el anfitrión pide mi pasaporte?", "El anfitrión me pide una copia del pasaporte por correo. ¿Es normal? Ya me verifiqué en la app."),
    ],
    "account.login": [
        ("No puedo iniciar sesión", "No puedo entrar, el código de verificación nunca llega. Cambié de número el mes pasado."),
        ("Cuenta bloqueada", "Mi cuenta aparece bloqueada por seguridad. Viajo a {city} la semana que viene y necesito hablar con mi anfitrión."),
        ("Dos cuentas por error", "Creé una segunda cuenta con el correo del trabajo por error. ¿Pueden unirlas? Mi reserva está en la antigua."),
    ],
    "account.profile": [
        ("Cambiar mi nombre", "¿Cómo cambio el nombre de mi perfil? Me casé y mi documento ya no coincide."),
        ("Rechazan mi foto de perfil", "Rechazan mi foto de perfil una y otra vez sin explicación. Es una foto normal mía."),
        ("Borrar mi número antiguo", "Por favor, quiten mi número de teléfono antiguo del perfil, ya no lo tengo."),
    ],
    "account.review_dispute": [
        ("Reseña injusta de un huésped", "El huésped de {code} me dejó una estrella diciendo que estaba sucio, después de escribirme que todo estaba perfecto. Es una venganza porque reporté la lámpara rota. ¿Se puede quitar?"),
        ("Reseña con datos personales", "Una reseña de {listing} menciona mi dirección completa y el nombre de mi hija. Por favor, elimínenla."),
        ("La reseña del anfitrión es falsa", "El anfitrión escribió que hicimos una fiesta. Éramos dos y volvíamos a las 22:00. Perjudica mi perfil."),
    ],
    "premium.concierge": [
        ("Traslado y chef privado", "Hola, llegamos a {listing} el {check_in}. ¿Pueden organizar un traslado privado desde el aeropuerto para {guests} personas y un chef para una cena la segunda noche?"),
        ("Entrada anticipada y cosas de bebé", "Llegamos a las 8:00 el {check_in}. ¿Podemos entrar antes en {listing}, con cuna y trona?"),
        ("Reserva en restaurante", "¿Podría el conserje reservar mesa para {guests} en un buen restaurante de mariscos en {city} por nuestro aniversario, y flores en la villa?"),
    ],
    "premium.vip_complaint": [
        ("Experiencia inaceptable en {listing}", "Por una estancia de {amount} espero más: la climatización de la piscina no funciona, no vino la limpieza prometida y nadie contesta la línea de conserjería. Quiero hablar con un responsable."),
        ("La villa no estaba lista", "Al llegar seguían limpiando, las camas sin hacer, y esperamos 2 horas en el jardín con los niños. Es una estancia de lujo."),
        ("Obras junto a la villa", "Hay obras al lado desde las 7. Nadie nos avisó. Reservamos {listing} para descansar y pagamos {amount}."),
    ],
}

FOLLOW_UPS = {
    "reservation": [
        "¿Alguna novedad? Seguimos esperando y ya es tarde.",
        "Adjunto fotos. Díganme qué pasa ahora.",
        "El anfitrión respondió pero no resolvió nada. ¿Pueden intervenir?",
    ],
    "payments": [
        "Hola de nuevo, sigo sin ver nada en mi cuenta. ¿Me dan un número de referencia?",
        "Mi banco necesita una confirmación suya. ¿La pueden enviar?",
    ],
    "damage": [
        "Aquí están las facturas y las fotos de antes y después.",
        "El huésped lo sigue negando. ¿Cuánto tarda la reclamación?",
    ],
    "safety": [
        "Ya estamos a salvo en casa de una amiga. ¿Qué pasará con el anfitrión?",
        "La policía me dio un número de denuncia. ¿Lo necesitan?",
        "Llámenme por favor, no quiero escribirlo todo otra vez.",
    ],
    "trust": [
        "Ya cambié la contraseña. ¿Debo hacer algo más?",
        "Mi banco abrió un caso de fraude y necesita una carta suya.",
    ],
    "account": [
        "Lo intenté otra vez y sigue sin funcionar.",
        "¡Gracias, funcionó! Una pregunta más.",
    ],
    "premium": [
        "¿Tienen ya la confirmación? Necesitamos organizar la primera noche.",
        "Nadie me ha respondido. Es decepcionante para este nivel de servicio.",
    ],
}

OTHER_SIDE = {
    "reservation": [
        "Hola, soy el anfitrión. Los huéspedes llegaron mucho más tarde de lo acordado y yo ya me había ido. Mandé el código dos veces.",
        "Soy la anfitriona. Las fotos son reales, los huéspedes exageran. Estoy dispuesta a hablar.",
    ],
    "payments": [
        "Hola, soy el anfitrión. Acepto el reembolso parcial, por favor tramítenlo.",
    ],
    "damage": [
        "Soy el huésped. La tele ya estaba rajada al llegar, lo dije el primer día.",
        "Soy la huésped. Sentimos lo del vino, pagamos la limpieza pero no un sofá nuevo.",
    ],
    "safety": [
        "Soy el anfitrión. Jamás haría algo así. El huésped se lo inventa para conseguir un reembolso.",
    ],
    "premium": [
        "Soy el gestor de la villa. Esta mañana enviamos a la gobernanta y a un técnico.",
    ],
}

FIRST_REPLIES = {
    "reservation": [
        "Hola {name}, soy {agent} y me encargo de tu caso. Lo siento mucho. Estoy contactando a tu anfitrión y te escribo en una hora con opciones, incluida una nueva reserva si hace falta.",
        "Hola {name}, gracias por los detalles. ¿Nos puedes enviar algunas fotos? Así podemos actuar enseguida sobre la reserva {code}.",
        "Hola {name}, entiendo lo estresante que es. Ya escribí a {other} y estoy buscando alternativas en {city} por si hay que moverte.",
    ],
    "payments": [
        "Hola {name}, revisé la reserva {code} y estoy verificando la transacción con el equipo de pagos. Te respondo en 24 horas.",
        "Hola {name}, veo el pago de {amount}. ¿Me confirmas los 4 últimos dígitos de la tarjeta?",
    ],
    "damage": [
        "Hola {name}, gracias por avisar. Sube fotos de los daños y presupuestos; luego contactaremos al huésped, que tendrá 72 horas para responder.",
        "Hola {name}, abrí una reclamación para la reserva {code} y pedí su versión a {other}.",
    ],
    "safety": [
        "{name}, soy {agent} del equipo de seguridad. Tu seguridad es lo primero: si estás en peligro llama al 112 (911 en México y EE. UU.). Te llamo ahora mismo.",
        "Hola {name}, gracias por contárnoslo. Bloqueamos nuevas reservas en ese alojamiento y te buscaremos un lugar seguro.",
    ],
    "trust": [
        "Hola {name}, aseguré tu cuenta: cerramos las sesiones activas y pausamos los pagos. Restablece tu contraseña con el enlace que te enviamos.",
        "Hola {name}, gracias por avisar. Nunca pagues fuera de la plataforma: no podemos proteger esos pagos. Estoy revisando el anuncio.",
    ],
    "account": [
        "Hola {name}, te envié un enlace de verificación al correo de tu cuenta; después podrás cambiar tu número.",
        "Hola {name}, desbloqueé tu cuenta. Vuelve a entrar y dime si algo no funciona.",
    ],
    "premium": [
        "Estimado/a {name}, soy {agent}, su conserje personal. Me encargo y le confirmo cada detalle hoy mismo.",
        "Estimado/a {name}, le pido disculpas. Contacté al gestor de la villa y un equipo va de camino; le llamo esta tarde.",
    ],
}

RESOLUTIONS = {
    "reservation": [
        "Hola {name}, procesé un reembolso de {amount} para la reserva {code}; lo verás en 5-10 días hábiles. Disculpa de nuevo las molestias.",
        "Hola {name}, listo: te reubicamos en un alojamiento equivalente y cubrimos la diferencia. ¡Disfruta {city}!",
    ],
    "payments": [
        "Hola {name}, la transacción está corregida. Encontrarás la referencia en tu cuenta, en Pagos.",
        "Hola {name}, liberamos los fondos hoy; según tu banco tardará de 3 a 5 días hábiles.",
    ],
    "damage": [
        "Hola {name}, revisamos las pruebas y aprobamos un reembolso de {amount}, que irá con tu próximo pago.",
        "Hola {name}, tras revisar ambas versiones no podemos confirmar que el daño ocurriera en esta estancia. Entiendo tu decepción.",
    ],
    "safety": [
        "{name}, gracias por el valor de avisarnos. La cuenta implicada fue retirada de la plataforma y te reembolsamos el total.",
    ],
    "trust": [
        "Hola {name}, tu cuenta vuelve a estar segura y revertimos los cambios fraudulentos. Te recomendamos activar la verificación en dos pasos.",
    ],
    "account": [
        "Hola {name}, hecho. Escríbenos si necesitas algo más.",
        "Hola {name}, retiramos la reseña porque incumple nuestra política de contenido.",
    ],
    "premium": [
        "Estimado/a {name}, todo confirmado; tiene los detalles en su itinerario. Le deseamos una estancia maravillosa.",
        "Estimado/a {name}, como compensación reembolsamos dos noches y añadimos un crédito para su próxima estancia.",
    ],
}

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


def format_date(day) -> str:
    return f"{day.day} de {MONTHS[day.month - 1]}"


def format_amount(value, currency: str) -> str:
    symbol = {"EUR": "€", "USD": "US$", "GBP": "£", "MXN": "MXN"}.get(currency, currency)
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} {symbol}"


FIRST_REPLIES.update({
    "account.login": FIRST_REPLIES["account"][:2],
    "account.profile": [
        "Hola {name}, ya hice el cambio en tu perfil; puede tardar unos minutos en verse en la app.",
        "Hola {name}, la foto debe mostrar bien tu cara, sin gafas de sol ni filtros. ¿Puedes probar con otra?",
    ],
    "account.review_dispute": [
        "Hola {name}, estoy revisando la reseña según nuestra política y te respondo en breve.",
        "Hola {name}, entiendo lo importantes que son las reseñas. Nuestro equipo de contenido la está revisando; te respondo en 48 horas.",
    ],
    "trust.account_takeover": [FIRST_REPLIES["trust"][0]],
    "trust.scam": [FIRST_REPLIES["trust"][1]],
    "trust.fake_listing": ["Hola {name}, gracias por avisar. Suspendí el anuncio mientras investigamos."],
    "trust.identity_verification": [
        "Hola {name}, inténtalo con buena luz y el documento completo a la vista; si vuelve a fallar te verifico manualmente.",
        "Hola {name}, un anfitrión nunca debe pedir documentos por correo. No lo envíes; la verificación en la app es suficiente.",
    ],
    "premium.concierge": [FIRST_REPLIES["premium"][0]],
    "premium.vip_complaint": [FIRST_REPLIES["premium"][1]],
})
RESOLUTIONS.update({
    "account.login": ["Hola {name}, tu número está actualizado y ya puedes entrar de nuevo."],
    "account.profile": [RESOLUTIONS["account"][0]],
    "account.review_dispute": RESOLUTIONS["account"][1:],
    "premium.concierge": [RESOLUTIONS["premium"][0]],
    "premium.vip_complaint": [RESOLUTIONS["premium"][1]],
})
